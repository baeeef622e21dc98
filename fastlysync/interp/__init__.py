"""A local interpreter for Fastly VCL: runs a whole service (custom VCL, snippets and the VCL
Fastly generates from the spec's objects) against a request, without a network.

Entry points: ``service.build_service`` (spec or VCL -> runnable service) and
``machine.Machine`` (one request through Fastly's state machine).
"""
