# Written for fastlysync, after falco's linter example default02.vcl: a probe property without
# its `;`. A true bug: VCL001 on line 7.
backend F_origin {
  .host = "origin.example.com";
  .probe = {
    .request = "HEAD / HTTP/1.1" "Host: origin.example.com" "Connection: close";
    .interval = 10s
  }
}

sub vcl_recv {
#FASTLY recv
  set req.backend = F_origin;
  return(lookup);
}
