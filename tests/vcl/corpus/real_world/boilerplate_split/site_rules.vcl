sub vcl_recv {
  if (req.url.path == "/healthcheck") {
    error 700 "OK";
  }
}
