# A handler: called only from v2/routing.vcl, one folder up; it calls a function kept in
# shared/ (a build step concatenates the files, or main.vcl includes them all).
sub v2_handle_region {
  if (is_internal_client()) {
    set req.http.X-Region = "internal";
  } else {
    set req.http.X-Region = client.geo.region;
  }
}
