# Called from vcl_fetch: the name starts with the stage, and ends in another one.
sub fetch_stale_on_error {
  if (beresp.status >= 500 && stale.exists) {
    set beresp.http.X-Stale = "1";
    return(deliver_stale);
  }
}
