# Each feature file brings its own vcl_recv and vcl_error part; Fastly joins them.
include "header_image";
include "redirects";

sub vcl_recv {
#FASTLY recv
  return(lookup);
}

sub vcl_error {
#FASTLY error
}
