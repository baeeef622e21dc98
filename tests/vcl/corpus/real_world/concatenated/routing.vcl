# See index.vcl.
sub handle_routing {
  if (req.url.path ~ "^/agent") {
    set req.http.X-Route = "agent";
  }
}

sub is_integration_request BOOL {
  return client.identity == "integration-request";
}
