# Main custom VCL for the personal site (www.jdoe.dev).
#
# Starts from Fastly's boilerplate: every builtin subroutine keeps its #FASTLY macro (where Fastly
# inserts the VCL it generates from the service's configuration, and snippets of that type) and
# ends with its default return. The site's own logic: /blog moved to a hosted blog, so those
# requests get a temporary redirect, built at the edge without touching the S3 origin.

sub vcl_recv {
#FASTLY recv

  # /blog and everything below it: raise custom status 666, turned into a redirect in vcl_error.
  if (req.url.path ~ "^/blog(/|$)") {
    error 666 "Blog moved";
  }

  # Normally, you should consider requests other than GET and HEAD to be uncacheable
  # (to this we add the special FASTLYPURGE method)
  if (req.method != "HEAD" && req.method != "GET" && req.method != "FASTLYPURGE") {
    return(pass);
  }

  return(lookup);
}

sub vcl_hash {
  set req.hash += req.url;
  set req.hash += req.http.host;
#FASTLY hash
  return(hash);
}

sub vcl_hit {
#FASTLY hit
  return(deliver);
}

sub vcl_miss {
#FASTLY miss
  return(fetch);
}

sub vcl_pass {
#FASTLY pass
  return(pass);
}

sub vcl_fetch {
#FASTLY fetch

  # Log the number of restarts for debugging purposes
  if (req.restarts > 0) {
    set beresp.http.Fastly-Restarts = req.restarts;
  }

  # If the response is setting a cookie, make sure it is not cached
  if (beresp.http.Set-Cookie) {
    return(pass);
  }

  # By default we set a TTL based on the `Cache-Control` header but we don't parse additional
  # directives like `private` and `no-store`. Private in particular should be respected at the edge:
  if (beresp.http.Cache-Control ~ "(?:private|no-store)") {
    return(pass);
  }

  # If no TTL has been provided in the response headers, set a default
  if (!beresp.http.Expires
      && !(beresp.http.Surrogate-Control ~ "max-age")
      && !(beresp.http.Cache-Control ~ "(?:s-maxage|max-age)")) {
    set beresp.ttl = 3600s;
  }

  return(deliver);
}

sub vcl_error {
#FASTLY error

  # 666 (raised in vcl_recv): a temporary redirect to the blog's new home, same path below /blog.
  if (obj.status == 666) {
    set obj.status = 307;
    set obj.response = "Temporary Redirect";
    set obj.http.Location = "https://blog.jdoe.dev" + regsub(req.url, "^/blog", "");
    set obj.http.Cache-Control = "no-cache";
    synthetic "";
    return(deliver);
  }

  return(deliver);
}

sub vcl_deliver {
#FASTLY deliver
  return(deliver);
}

sub vcl_log {
#FASTLY log
}
