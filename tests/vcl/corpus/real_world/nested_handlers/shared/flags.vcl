# Shared data: read by v2/routing.vcl, in a sibling folder.
table feature_flags {
  "v2": "on",
}
