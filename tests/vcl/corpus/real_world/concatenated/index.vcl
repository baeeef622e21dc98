# Written for fastlysync, after fingerprintjs/fingerprint-pro-fastly-vcl-integration: the
# files of one service are concatenated by a build step, so index.vcl calls subs and typed
# subs that routing.vcl defines, without an include.
sub vcl_recv {
#FASTLY recv
  call handle_routing;
}

sub vcl_deliver {
#FASTLY deliver
  if (is_integration_request()) {
    unset resp.http.Strict-Transport-Security;
  }
}
