# @scope: fetch
set beresp.http.X-Origin-Status = beresp.status;
if (beresp.status == 404) {
  set beresp.ttl = 60s;
  set beresp.cacheable = true;
} elseif (beresp.status >= 500) {
  set beresp.ttl = 1s;
  set beresp.saintmode = 5s;
}
if (req.url.ext ~ "^(css|js|woff2?|png|jpe?g|gif|svg|webp|avif)$") {
  set beresp.ttl = 30d;
  set beresp.http.Cache-Control = "public, max-age=31536000, immutable";
  unset beresp.http.Set-Cookie;
}
