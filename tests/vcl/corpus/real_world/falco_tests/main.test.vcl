// falco unit tests for main.vcl: run by `fastlysync test`, skipped by lint with a note.
describe language {
  before_recv {
    set req.http.Accept-Language = "de-DE";
  }

  sub test_german {
    testing.call_subroutine("vcl_recv");
    assert.equal(req.http.X-Lang, "de");
  }
}

sub test_default_is_english {
  testing.call_subroutine("vcl_recv");
  assert.equal(req.http.X-Lang, "en");
}
