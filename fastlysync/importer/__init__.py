"""Import: a live service's active version written out as a spec and its VCL files."""
