# Written for fastlysync: a main VCL that only includes the files holding its subroutines.
include "recv";
include "deliver.vcl";
