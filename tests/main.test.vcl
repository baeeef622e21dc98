// Unit tests for vcl/main.vcl in falco's format; `fastlysync test` runs them too.

// @scope: recv
// @suite: /blog raises error 666
sub test_blog_raises_666 {
  set req.url = "/blog/post-1";
  testing.call_subroutine("vcl_recv");
  assert.state(error);
  assert.error(666, "Blog moved");
}

// @scope: recv
// @suite: other pages are looked up in the cache
sub test_pages_lookup {
  set req.url = "/index.html";
  testing.call_subroutine("vcl_recv");
  assert.state(lookup);
  assert.not_error();
  assert.equal(req.backend, F_s3_website);
}

// @scope: recv
// @suite: POST passes
sub test_post_passes {
  set req.method = "POST";
  testing.call_subroutine("vcl_recv");
  assert.state(pass);
}

// @scope: error
// @suite: 666 becomes a 307 to the hosted blog
sub test_error_redirect {
  set req.url = "/blog/post-1?ref=x";
  set obj.status = 666;
  testing.call_subroutine("vcl_error");
  assert.equal(obj.status, 307);
  assert.equal(obj.http.Location, "https://blog.jdoe.dev/post-1?ref=x");
  assert.equal(testing.synthetic_body, "");
  assert.state(deliver);
}

// @scope: fetch
// @suite: a Set-Cookie response is not cached
sub test_fetch_set_cookie_passes {
  set beresp.http.Set-Cookie = "session=1";
  testing.call_subroutine("vcl_fetch");
  assert.state(pass);
}

// @scope: fetch
// @suite: a response without caching headers gets an hour
sub test_fetch_default_ttl {
  testing.call_subroutine("vcl_fetch");
  assert.equal(beresp.ttl, 3600s);
  assert.state(deliver);
}
