# Written for fastlysync, after the shape of a recv snippet file in Fastly's Magento 2 module
# (fastly/fastly-magento2 etc/vcl_snippets/recv.vcl): a snippet body named after its type that
# turns shielding off with the generated local and reads configuration dictionaries.
if (req.http.bypass-secret) {
  declare local var.bypass-secret STRING;
  set var.bypass-secret = table.lookup(magentomodule_config, "bypass_secret", "NONE");
  if (var.bypass-secret == req.http.bypass-secret) {
    set req.http.x-pass = "1";
    set var.fastly_req_do_shield = false;
    set req.hash_always_miss = true;
  }
}
if ( req.method != "FASTLYPURGE" &&
    table.lookup(magentomodule_basic_auth, regsub(req.http.Authorization, "^Basic ", ""), "NO") == "NO" &&
    !req.url ~ "^/(index\.php/)?admin/" &&
    !req.url ~ "^/(rest|oauth|graphql)($|[/?])" ) {
  error 771;
}
if (req.http.Fastly-Client-Ip !~ maint_allowlist) {
  set req.http.Rate-Limit = "1";
}
