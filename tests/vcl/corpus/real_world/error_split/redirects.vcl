# Turns the 601 it raises, and the 602 header_image.vcl raises, into redirects.
sub vcl_recv {
  if (req.url.path == "/old-home") {
    error 601 "/";
  }
}

sub vcl_error {
  if ((obj.status == 601 || obj.status == 602) && obj.response) {
    set obj.http.Location = obj.response;
    set obj.status = 301;
    return(deliver);
  }
}
