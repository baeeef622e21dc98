# @scope: recv
# Regular VCL snippet (type recv, priority 50): request hygiene and bot blocking.
declare local var.ua STRING;
declare local var.blocked BOOL;

set var.ua = std.tolower(req.http.User-Agent);
if (var.ua ~ "(sqlmap|nikto|masscan|zgrab)") {
  set var.blocked = true;
} else if (req.url ~ {"(?i)(\.\./|%2e%2e%2f|/etc/passwd|<script)"}) {
  set var.blocked = true;
}

if (var.blocked) {
  error 603 "Blocked";
}

unset req.http.X-Forwarded-Host;
unset req.http.Proxy;
set req.http.X-Original-URL = req.url;
if (req.http.Fastly-FF) {
  set req.max_stale_while_revalidate = 0s;
}
