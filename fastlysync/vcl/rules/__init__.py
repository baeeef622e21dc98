"""Lint rules: one small class per check; see `fastlysync.vcl.registry` for the list."""
