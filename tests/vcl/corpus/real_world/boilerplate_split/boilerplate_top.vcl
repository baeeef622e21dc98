# First half: every lifecycle sub opens with its macro.
sub vcl_recv {
#FASTLY recv
}

sub vcl_fetch {
#FASTLY fetch
}

sub vcl_deliver {
#FASTLY deliver
}
