# Written for fastlysync: the shape of VCL Fastly generates for a service with shielding (as
# users download it from the web interface): shield POPs are directors of type `shield`,
# chosen with fastly.try_select_shield() behind the generated local var.fastly_req_do_shield.
pragma optional_param geoip_opt_in true;
pragma optional_param customer_id "abc";
C!
W!
backend F_Host_1 {
    .dynamic = true;
    .host = "example.com";
    .port = "443";
    .share_key = "qRK2E1vLIVkQ3BU0iVk9X7";
    .ssl = true;
    .ssl_check_cert = always;
    .probe = {
        .dummy = true;
        .request = "HEAD / HTTP/1.1"  "Host: example.com" "Connection: close";
        .threshold = 1;
      }
}
director ssl_shield_tyo_tokyo_jp shield {
   .shield = "tyo-tokyo-jp";
   .is_ssl = true;
}
table example {
}
table my_example_dictionary {
    # REDACTED dictionary content
}
sub vcl_recv {
#--FASTLY RECV BEGIN
  declare local var.fastly_req_do_shield BOOL;
  set var.fastly_req_do_shield = (req.restarts == 0);
  set req.backend = F_Host_1;
  {
    if (req.backend == F_Host_1 && var.fastly_req_do_shield) {
      set req.backend = fastly.try_select_shield(ssl_shield_tyo_tokyo_jp, F_Host_1);
    }
  }
#--FASTLY RECV END
  set req.http.Foo = "bar";
}
sub vcl_hash {
#--FASTLY HASH BEGIN
set req.hash += req.vcl.generation;
#--FASTLY HASH END
}
sub vcl_deliver {
#--FASTLY DELIVER BEGIN
    set resp.http.X-Cache = if(resp.http.X-Cache, resp.http.X-Cache ", ","") if(fastly_info.state ~ "HIT(?:-|\z)", "HIT", "MISS");
    set resp.http.Fastly-Debug-Digest = digest.hash_sha256(req.digest);
  if(resp.status == 550) {
    return(deliver);
  }
#--FASTLY DELIVER END
}
sub vcl_error {
#--FASTLY ERROR BEGIN
  if (obj.status == 801) {
     set obj.status = 301;
     synthetic {""};
     return (deliver);
  }
#--FASTLY ERROR END
}
sub vcl_pipe {
#--FASTLY PIPE BEGIN
    set bereq.http.connection = "close";
#--FASTLY PIPE END
}
