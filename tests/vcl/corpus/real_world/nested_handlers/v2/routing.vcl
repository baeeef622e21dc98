# Version 2 routing: hands each request to a handler kept one folder down.
sub route_v2 {
  if (req.url.path ~ "^/v2/" && table.lookup(feature_flags, "v2") == "on") {
    call v2_handle_region;
  }
}
