# A recv snippet kept in a shared folder; the dates it reads are declared and set by a
# per-site recv snippet with a lower priority, which Fastly places before it in vcl_recv.
unset req.http.X-Promo;

if (req.url.path == "/" &&
    time.is_after(now, std.time(var.promo_from, std.integer2time(-1))) &&
    time.is_after(std.time(var.promo_until, std.integer2time(-1)), now)) {
  set req.http.X-Promo = "on";
}
