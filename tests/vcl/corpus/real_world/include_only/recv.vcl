sub vcl_recv {
#FASTLY recv
  set req.http.X-Included = "1";
  return(lookup);
}
