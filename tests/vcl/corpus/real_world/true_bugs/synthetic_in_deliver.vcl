# A redirect written in vcl_deliver with a synthetic body: Fastly allows `synthetic` only in
# vcl_error (the redirect belongs in an error/vcl_error pair).
sub vcl_deliver {
#FASTLY deliver
  if (req.url == "/" && req.method == "GET") {
    set resp.status = 301;
    set resp.http.Location = "https://" req.http.host "/home";
    synthetic {""};
  }
  return(deliver);
}
