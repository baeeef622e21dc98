# An error-type snippet whose file name says "deliver" (its service uploads it with
# type = "error"): obj.* is right there. The name is only a guess at its placement.
if (obj.status == 751) {
  set obj.status = 308;
  set obj.http.Location = "https://" + req.http.host + req.http.X-Redirect-To;
  return(deliver);
}
