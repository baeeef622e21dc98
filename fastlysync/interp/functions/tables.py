"""table.*: lookups in VCL tables and in the spec's dictionaries (which are STRING tables)."""

from __future__ import annotations

from typing import Any

from .. import regex
from ..values import AclRef, BackendRef, RTime, parse_ip, to_str
from . import builtin


def _table(ex: Any, node: Any) -> Any:
    from ..executor import TableRef

    if not node.args:
        raise ex.fail(f"{node.name} needs a table", node)
    first = node.args[0]
    name = getattr(first, "name", None)
    table = ex.service.named(name) if name else None
    if not isinstance(table, TableRef):
        raise ex.fail(f"{node.name}: {name or 'argument'} is not a table", node)
    return table


def _lookup(want: str | None) -> Any:
    def fn(ex: Any, node: Any) -> Any:
        table = _table(ex, node)
        key = to_str(ex.eval(node.args[1])) if len(node.args) > 1 else ""
        if key in table.entries:
            value = table.entries[key]
            if want is not None and table.value_type != want:
                raise ex.fail(f"{node.name}: table {table.name} holds {table.value_type}, "
                              f"not {want}", node)
            return value
        if len(node.args) > 2:
            return ex.eval(node.args[2])
        return None
    return fn


builtin("table.lookup", raw=True)(_lookup("STRING"))
for _fn, _type in (("bool", "BOOL"), ("integer", "INTEGER"), ("float", "FLOAT"),
                   ("ip", "IP"), ("rtime", "RTIME"), ("acl", "ACL"), ("backend", "BACKEND")):
    builtin(f"table.lookup_{_fn}", raw=True)(_lookup(_type))


@builtin("table.contains", raw=True)
def contains(ex: Any, node: Any) -> bool:
    table = _table(ex, node)
    return to_str(ex.eval(node.args[1])) in table.entries


@builtin("table.lookup_regex", raw=True)
def lookup_regex(ex: Any, node: Any) -> Any:
    table = _table(ex, node)
    key = to_str(ex.eval(node.args[1]))
    for pattern, value in table.entries.items():
        if regex.search(pattern, key, ex.frame.path, node.line):
            return value
    return ex.eval(node.args[2]) if len(node.args) > 2 else None


def table_value(text: Any, vtype: str, named: Any) -> Any:
    """Convert a dictionary item or table entry to the table's value type."""
    if vtype == "STRING":
        return to_str(text)
    if vtype == "BOOL":
        return bool(text) if not isinstance(text, str) else text.lower() == "true"
    if vtype == "INTEGER":
        return int(text)
    if vtype == "FLOAT":
        return float(text)
    if vtype == "RTIME":
        return RTime(float(text))
    if vtype == "IP":
        return parse_ip(to_str(text))
    if vtype in ("ACL", "BACKEND"):
        found = named(to_str(text))
        return found if isinstance(found, AclRef | BackendRef) else None
    return text
