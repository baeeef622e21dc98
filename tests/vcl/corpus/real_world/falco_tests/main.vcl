sub vcl_recv {
#FASTLY recv
  if (req.http.Accept-Language ~ "^de") {
    set req.http.X-Lang = "de";
  } else {
    set req.http.X-Lang = "en";
  }
  return(lookup);
}
