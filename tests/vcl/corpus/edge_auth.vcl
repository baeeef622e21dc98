# Signed-URL and JWT checks at the edge (custom VCL, included from main).

table secrets {
  "hmac_key_v1": "c2VjcmV0LWtleS12MQ==",
  "hmac_key_v2": "c2VjcmV0LWtleS12Mg==",
}

sub verify_signed_url BOOL {
  declare local var.expires INTEGER;
  declare local var.sig STRING;
  declare local var.expected STRING;
  declare local var.key STRING;

  if (req.url.qs !~ "(?:^|&)expires=([0-9]+)") {
    return false;
  }
  set var.expires = std.atoi(re.group.1);
  if (var.expires < std.atoi(strftime({"%s"}, now))) {
    return false;
  }
  set var.sig = subfield(req.url.qs, "sig", "&");
  set var.key = digest.base64_decode(table.lookup(secrets, "hmac_key_v2"));
  set var.expected = digest.hmac_sha256_base64(var.key, req.url.path + var.expires);
  if (!digest.secure_is_equal(var.sig, var.expected)) {
    return false;
  }
  return true;
}

sub jwt_claims_recv {
  declare local var.header STRING;
  declare local var.payload STRING;
  declare local var.signature STRING;

  if (req.http.Authorization !~ "^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$") {
    error 607 "Missing token";
  }
  set var.header = re.group.1;
  set var.payload = re.group.2;
  set var.signature = re.group.3;

  switch (std.tolower(req.http.X-Token-Kind)) {
  case "access":
    set req.http.X-Kind = "a";
    break;
  case ~ "^refresh":
    set req.http.X-Kind = "r";
    fallthrough;
  case "service":
    set req.http.X-Service = "1";
    break;
  default:
    set req.http.X-Kind = "unknown";
    break;
  }

  if (digest.hmac_sha256_base64(table.lookup(secrets, "hmac_key_v1"), var.header "." var.payload) != var.signature) {
    goto invalid;
  }
  set req.http.X-JWT-Payload = digest.base64url_nopad_decode(var.payload);
  return;

  invalid:
  error 607 "Invalid token";
}

sub vcl_recv {
#FASTLY recv
  if (req.url.path ~ "^/private/" && !verify_signed_url()) {
    error 608 "Bad signature";
  }
  if (req.url.path ~ "^/api/") {
    call jwt_claims_recv;
  }
  set req.http.X-Weight = if(req.http.X-Canary == "1", "0.25", "1.0");
  declare local var.offset INTEGER;
  declare local var.ratio FLOAT;
  set var.offset = -1;
  set var.ratio = 1e3;
  set var.ratio *= 0.5;
  set req.http.X-Offset = var.offset;
  set req.http.X-Ratio = var.ratio;
  h2.disable_header_compression("Authorization");
  return(lookup);
}

sub vcl_error {
#FASTLY error
  if (obj.status >= 600 && obj.status < 700) {
    set obj.status = 401;
    set obj.response = "Unauthorized";
    set obj.http.WWW-Authenticate = {"Bearer realm="example""};
    synthetic {""};
    return(deliver);
  }
}
