# The recv macro sits in a custom sub that only vcl_recv calls: Fastly expands the macro where
# the comment stands, so its generated code (which picks a default backend) runs first and the
# sub then overrides the backend by region.
backend F_origin_us {
  .host = "us.example.net";
  .port = "443";
}

backend F_origin_eu {
  .host = "eu.example.net";
  .port = "443";
}

sub choose_origin {
  #FASTLY recv
  if (server.region ~ "^(US|North-America|South-America|APAC|Asia)") {
    set req.backend = F_origin_us;
  } else {
    set req.backend = F_origin_eu;
  }
}

sub vcl_recv {
  if (req.method != "GET" && req.method != "HEAD" && req.method != "FASTLYPURGE") {
    error 405;
  }
  call choose_origin;
  return(lookup);
}

sub vcl_deliver {
#FASTLY deliver
  return(deliver);
}
