sub vcl_deliver {
#FASTLY deliver
  set resp.http.X-Served-By-Include = "1";
  return(deliver);
}
