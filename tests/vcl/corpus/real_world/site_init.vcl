# @scope: init
# Uploaded as an init snippet: Fastly joins these lifecycle subs to the main VCL's (its own
# default one when the service has no custom VCL), which carry the #FASTLY macros.
sub vcl_recv {
  if (req.url.path == "/robots.txt") {
    error 900 "robots";
  }
}

sub vcl_error {
  if (obj.status == 900) {
    set obj.status = 200;
    set obj.response = "OK";
    set obj.http.Content-Type = "text/plain";
    synthetic {"User-agent: *
Disallow: /private/
"};
    return(deliver);
  }
}
