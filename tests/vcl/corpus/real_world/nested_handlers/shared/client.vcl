# A shared function: called from v2/handlers/region.vcl, in another branch of the tree.
sub is_internal_client BOOL {
  return (req.http.X-Internal-Token == "1");
}
