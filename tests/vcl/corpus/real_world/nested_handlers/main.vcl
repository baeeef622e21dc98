# Entry point: the routing file of each API version is included and called from here.
include "routing";
include "region";
include "flags";
include "client";

sub vcl_recv {
#FASTLY recv
  call route_v2;
  return(lookup);
}
