# A main VCL that includes one file per site section and calls the subs they define,
# each named after the stage that calls it (recv_*, fetch_*, deliver_*).
include "section_news";
include "origin_stale";

sub vcl_recv {
#FASTLY recv
  call recv_section_news;
  if (table.lookup(section_hosts, req.http.host)) {
    set req.http.X-Section = table.lookup(section_hosts, req.http.host);
  }
  return(lookup);
}

sub vcl_fetch {
#FASTLY fetch
  call fetch_stale_on_error;
  return(deliver);
}

sub vcl_deliver {
#FASTLY deliver
  call deliver_section_news_error;
  return(deliver);
}
