# Main custom VCL for www.example.com.
# Based on Fastly's boilerplate; every lifecycle sub carries its #FASTLY macro.

import boltsort;

include "snippet::init_tables";

acl office_networks {
  "192.0.2.0"/24;       # London office
  "198.51.100.17";      # VPN egress
  !"198.51.100.99";     # ... but not the guest Wi-Fi NAT
  "2001:db8:a0b:12f0::"/64;
}

acl blocked_networks {
  "203.0.113.0"/24;
}

backend F_origin_primary {
  .host = "origin-1.example.net";
  .port = "443";
  .ssl = true;
  .ssl_cert_hostname = "origin-1.example.net";
  .ssl_sni_hostname = "origin-1.example.net";
  .connect_timeout = 1s;
  .first_byte_timeout = 15s;
  .between_bytes_timeout = 10s;
  .max_connections = 200;
  .probe = {
    .request = "HEAD /healthz HTTP/1.1" "Host: origin-1.example.net" "Connection: close";
    .expected_response = 200;
    .interval = 15s;
    .timeout = 2s;
    .window = 5;
    .threshold = 3;
    .initial = 4;
  }
}

backend F_origin_secondary {
  .host = "origin-2.example.net";
  .port = "443";
  .ssl = true;
  .connect_timeout = 1500ms;
  .first_byte_timeout = 15s;
  .probe = {
    .url = "/healthz";
    .timeout = 2s;
    .interval = 30s;
  };
}

director origin_pool random {
  .quorum = 50%;
  .retries = 2;
  { .backend = F_origin_primary; .weight = 3; }
  { .backend = F_origin_secondary; .weight = 1; }
}

director origin_failover fallback {
  { .backend = F_origin_primary; }
  { .backend = F_origin_secondary; }
}

table feature_flags {
  "new_checkout": "on",
  "beta_search": "off",
}

table cache_ttls INTEGER {
  "html": 300,
  "api": 0,
  "static": 86400,
}

table maintenance_windows BOOL {
  "eu": false,
  "us": true,
}

table stale_windows RTIME {
  "html": 1h,
  "static": 7d,
}

ratecounter requests_per_client {}
penaltybox abusive_clients {}

# Returns true for well-known crawlers so we can skip personalisation.
sub is_crawler BOOL {
  if (req.http.User-Agent ~ {"(?i)(googlebot|bingbot|duckduckbot|baiduspider|yandex)"}) {
    return true;
  }
  return false;
}

sub ttl_for_kind(STRING var.kind) RTIME {
  declare local var.seconds INTEGER;
  set var.seconds = std.atoi(table.lookup(cache_ttls, var.kind, "60"));
  return std.integer2time(var.seconds) - std.integer2time(0);
}

sub normalise_request {
  # Strip tracking parameters and sort the rest for a better hit ratio.
  set req.url = querystring.regfilter(req.url, "^(utm_.*|fbclid|gclid|mc_eid)$");
  set req.url = boltsort.sort(req.url);
  if (req.http.Accept-Encoding) {
    if (req.http.Accept-Encoding ~ "br") {
      set req.http.Accept-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "gzip") {
      set req.http.Accept-Encoding = "gzip";
    } else {
      unset req.http.Accept-Encoding;
    }
  }
  unset req.http.Cookie:_ga;
  unset req.http.Cookie:_gid;
}

sub rate_limit_recv {
  declare local var.exceeded BOOL;
  if (client.ip ~ office_networks) {
    return;
  }
  set var.exceeded = ratelimit.check_rate(client.ip, requests_per_client, 1, 10, 100, abusive_clients, 2m);
  if (var.exceeded) {
    error 629 "Too many requests";
  }
}

sub vcl_recv {
#FASTLY recv
  declare local var.flag STRING;
  declare local var.started TIME;
  declare local var.grace RTIME;
  declare local var.score FLOAT;
  declare local var.count INTEGER;
  declare local var.is_bot BOOL;
  declare local var.client IP;
  declare local var.path_re REGEX;

  set var.started = now;
  set var.grace = 30s;
  set var.score = 0.5;
  set var.count = 0;
  set var.client = client.ip;

  if (client.ip ~ blocked_networks) {
    error 403 "Forbidden";
  }

  if (req.restarts == 0) {
    set req.http.X-Request-ID = uuid.version4();
    call normalise_request;
    call rate_limit_recv;
  }

  if (!req.http.Fastly-SSL) {
    error 801 "Force SSL";
  }

  set var.is_bot = is_crawler();
  if (var.is_bot) {
    set req.http.X-Bot = "1";
  }

  set var.flag = table.lookup(feature_flags, "new_checkout", "off");
  if (var.flag == "on" && req.url.path ~ "^/checkout") {
    set req.http.X-Checkout = "v2";
  }

  if (table.lookup_bool(maintenance_windows, "eu", false) && client.geo.continent_code == "EU") {
    error 650 "Maintenance";
  }

  if (req.url.path ~ "^/admin" && client.ip !~ office_networks) {
    error 601 "Login required";
  }

  if (req.request != "GET" && req.request != "HEAD" && req.request != "FASTLYPURGE") {
    return(pass);
  }

  if (req.http.Authorization || req.http.Cookie:session) {
    return(pass);
  }

  set req.backend = origin_pool;
  if (!req.backend.healthy) {
    set req.backend = origin_failover;
  }

  set var.count += 1;
  set var.count *= 2;
  set var.count -= 1;
  set var.count /= 1;
  set var.count %= 1000;
  set var.count |= 1;
  set var.count &= 0xFFFF;
  set var.count ^= 0x0F;
  set var.count <<= 1;
  set var.count >>= 1;
  set var.count rol= 3;
  set var.count ror= 3;
  set var.is_bot &&= true;
  set var.is_bot ||= false;
  set req.http.X-Count = var.count;

  return(lookup);
}

sub vcl_hash {
  set req.hash += req.url;
  set req.hash += req.http.host;
#FASTLY hash
  return(hash);
}

sub vcl_hit {
#FASTLY hit
  if (obj.ttl <= 0s && obj.grace > 0s) {
    set req.http.X-Stale = "1";
  }
  return(deliver);
}

sub vcl_miss {
#FASTLY miss
  unset bereq.http.Cookie;
  return(fetch);
}

sub vcl_pass {
#FASTLY pass
  return(pass);
}

sub vcl_fetch {
#FASTLY fetch
  declare local var.ttl RTIME;

  if (beresp.status >= 500 && beresp.status < 600) {
    if (stale.exists) {
      return(deliver_stale);
    }
    if (req.restarts < 1 && (req.request == "GET" || req.request == "HEAD")) {
      restart;
    }
    error 604 "Origin unavailable";
  }

  if (beresp.http.Content-Type ~ "^text/html") {
    set var.ttl = ttl_for_kind("html");
  } else if (beresp.http.Content-Type ~ "^application/json") {
    set var.ttl = ttl_for_kind("api");
  } else {
    set var.ttl = ttl_for_kind("static");
  }
  set beresp.ttl = var.ttl;
  set beresp.stale_while_revalidate = 60s;
  set beresp.stale_if_error = 1d;
  set beresp.grace = 1y;

  if (beresp.http.Set-Cookie) {
    set beresp.cacheable = false;
    return(pass);
  }

  if (beresp.http.Cache-Control ~ "(private|no-store)") {
    return(pass);
  }

  set beresp.http.Surrogate-Key = "site " + regsub(req.url.path, "^/([^/]+).*$", "section-\1");
  esi;
  return(deliver);
}

sub vcl_error {
#FASTLY error
  if (obj.status == 601) {
    set obj.status = 302;
    set obj.response = "Found";
    set obj.http.Location = "https://login.example.com/?return=" urlencode(req.url);
    synthetic {""};
    return(deliver);
  }
  if (obj.status == 604) {
    set obj.status = 503;
    set obj.response = "Service Unavailable";
    set obj.http.Content-Type = "text/html; charset=utf-8";
    set obj.http.Retry-After = "30";
    synthetic {"<!doctype html>
<html>
  <head><title>We'll be right back</title></head>
  <body><h1>We'll be right back</h1><p>Request ID: "} req.http.X-Request-ID {"</p></body>
</html>"};
    return(deliver);
  }
  if (obj.status == 629) {
    set obj.status = 429;
    set obj.response = "Too Many Requests";
    set obj.http.Content-Type = "application/json";
    synthetic {JSON"{"error": "rate_limited", "retry_after": 120}"JSON};
    return(deliver);
  }
  if (obj.status == 650) {
    set obj.status = 503;
    set obj.http.Content-Type = "image/gif";
    synthetic.base64 "R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
    return(deliver);
  }
  return(deliver);
}

sub vcl_deliver {
#FASTLY deliver
  if (resp.status >= 500 && req.restarts < 2 && req.request == "GET") {
    restart;
  }
  set resp.http.X-Served-By-Region = server.region;
  set resp.http.X-Timer = "S" time.start.sec "." time.start.usec_frac ",VS0,VE" time.elapsed.msec;
  if (!req.http.X-Debug) {
    unset resp.http.X-Served-By-Region;
    unset resp.http.Via;
  }
  add resp.http.Set-Cookie = "seen=1; Path=/; Secure";
  add resp.http.Link = "</app.css>; rel=preload; as=style";
  return(deliver);
}

sub vcl_log {
#FASTLY log
  log {"syslog "} req.service_id {" logs :: "} req.http.X-Request-ID " " resp.status " " time.elapsed.usec;
}
