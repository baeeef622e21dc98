# Raises a custom status that redirects.vcl's vcl_error part turns into a redirect.
sub vcl_recv {
  if (req.url.path == "/header.jpg") {
    error 602 "/images/header-1.jpg";
  }
  if (req.url.path == "/teapot") {
    error 618;
  }
}

sub vcl_error {
  if (obj.status == 618) {
    set obj.status = 418;
    return(deliver);
  }
}
