# A handler: called only from v2/routing.vcl, one folder up.
sub v2_handle_region {
  set req.http.X-Region = client.geo.region;
}
