"""A local interpreter for Fastly VCL: runs a whole service (custom VCL, snippets and the VCL
Fastly generates from the spec's objects) against a request, without a network.

Entry points: ``spec_source.spec_source`` (a loaded spec -> ``service.Source``),
``service.vcl_source`` (a bare VCL file), ``service.Service`` (parsed and assembled once) and
``machine.Machine`` (one request through Fastly's state machine -> ``machine.Result``).
"""
