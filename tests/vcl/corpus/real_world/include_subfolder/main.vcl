# The table lives in includes/denylist.vcl; Fastly's custom VCL names have no folders.
include "denylist";

sub vcl_recv {
#FASTLY recv
  if (table.contains(denylist, req.url.path)) {
    error 403 "Forbidden";
  }
  return(lookup);
}
