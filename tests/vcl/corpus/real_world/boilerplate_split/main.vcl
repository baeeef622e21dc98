# The main VCL: Fastly's boilerplate cut in two around the site's own files.
include "boilerplate_top";
include "site_rules";
include "boilerplate_bottom";
