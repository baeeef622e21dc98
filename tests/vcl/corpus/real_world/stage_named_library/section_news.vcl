# One site section: its backend, the table main.vcl reads and stage-named subs.
backend F_news_origin {
  .host = "news.example.net";
  .port = "443";
  .ssl = true;
}

table section_hosts {
  "news.example.com": "news",
}

sub recv_section_news {
  if (req.url.path ~ "^/news/") {
    set req.backend = F_news_origin;
    set req.http.X-Section = "news";
  }
}

sub deliver_section_news_error {
  # Runs in vcl_deliver although its name ends in "_error".
  if (resp.status >= 500 && req.http.X-Section == "news") {
    set resp.status = 503;
    set resp.http.Retry-After = "30";
  }
}
