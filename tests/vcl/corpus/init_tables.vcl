# Snippet of type init: top-level declarations Fastly places above all subs.
table country_redirects {
  "FR": "/fr/",
  "DE": "/de/",
  "JP": "/ja/",
}

table origin_for_path BACKEND {
  "/api": F_origin_primary,
  "/static": F_origin_secondary,
}

table weights FLOAT {
  "a": 0.25,
  "b": 0.75,
}

table canary_ips IP {
  "canary1": "192.0.2.10",
}

ratecounter login_attempts {}

penaltybox login_abusers {}

sub pick_country_path STRING {
  return table.lookup(country_redirects, client.geo.country_code, "/");
}
