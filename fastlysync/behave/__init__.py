"""Behaviour tests for whole services: YAML test files and falco ``*.test.vcl`` files, run by the
VCL interpreter (``fastlysync.interp``) and reported by ``fastlysync test``."""
