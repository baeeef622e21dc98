# Written for fastlysync, after falco's testing examples: helper subs that tests call directly
# are named after a stage (`force_error`) but nothing in the VCL calls them. Their scope is only
# a guess from the name, so scope findings in them are warnings, not errors.
sub force_error {
  error 800 "FORCE ERROR";
}

sub force_restart {
  restart;
}

sub vcl_recv {
#FASTLY recv
  return(lookup);
}
