# @scope: error
# Snippet of type error: branded synthetic pages for the 6xx codes raised elsewhere.
if (obj.status == 603) {
  set obj.status = 403;
  set obj.response = "Forbidden";
  set obj.http.Content-Type = "text/html; charset=utf-8";
  synthetic {"<!doctype html><title>Forbidden</title><h1>Access denied</h1>"};
  return(deliver);
}
if (obj.status == 605) {
  set obj.status = 404;
  set obj.http.Content-Type = "application/json";
  synthetic {JSON"{"error":"not_found"}"JSON};
  return(deliver);
}
