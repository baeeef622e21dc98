# Second half: the default endings, joined after everything above (no macros here).
sub vcl_recv {
  if (req.method != "HEAD" && req.method != "GET" && req.method != "FASTLYPURGE") {
    return(pass);
  }
  return(lookup);
}

sub vcl_fetch {
  if (beresp.http.Set-Cookie) {
    return(pass);
  }
  return(deliver);
}

sub vcl_deliver {
  return(deliver);
}
