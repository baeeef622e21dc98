"""One-line renderings of statements and expressions for traces and failure reports."""

from __future__ import annotations

from typing import Any

from fastlysync.vcl import ast as A


def describe(node: Any) -> str:
    """A one-line rendering of a statement for traces."""
    if isinstance(node, A.Set):
        return f"set {node.target.name} {node.op} {expr_text(node.value)}"
    if isinstance(node, A.Unset | A.Remove):
        return f"unset {node.target.name}"
    if isinstance(node, A.Add):
        return f"add {node.target.name} = {expr_text(node.value)}"
    if isinstance(node, A.Declare):
        return f"declare local {node.name.name} {node.type}"
    if isinstance(node, A.Call):
        return f"call {node.name.name}"
    if isinstance(node, A.ExprStatement):
        return expr_text(node.expr)
    if isinstance(node, A.Return):
        if node.action:
            return f"return({node.action})"
        return "return" + (f" {expr_text(node.value)}" if node.value is not None else "")
    if isinstance(node, A.Error):
        parts = [expr_text(p) for p in (node.status, node.response) if p is not None]
        return " ".join(["error", *parts])
    if isinstance(node, A.Synthetic):
        return ("synthetic.base64 " if node.base64 else "synthetic ") + expr_text(node.value)
    if isinstance(node, A.Goto):
        return f"goto {node.label}"
    if isinstance(node, A.Log):
        return f"log {expr_text(node.value)}"
    if isinstance(node, A.IncludeStatement):
        return f"include {node.target!r}"
    return type(node).__name__.lower()


def expr_text(node: Any, limit: int = 90) -> str:
    """Source-like text of an expression, cut at ``limit`` characters."""
    if isinstance(node, A.Binary):
        text = f"{expr_text(node.left, limit)} {node.op} {expr_text(node.right, limit)}"
    elif isinstance(node, A.Unary):
        text = f"{node.op}{expr_text(node.operand, limit)}"
    elif isinstance(node, A.Grouped):
        text = f"({expr_text(node.expr, limit)})"
    elif isinstance(node, A.Concat):
        text = " ".join(expr_text(p, limit) for p in node.parts)
    elif isinstance(node, A.BoolLit):
        text = "true" if node.value else "false"
    elif isinstance(node, A.StringLit | A.IntLit | A.FloatLit | A.RTimeLit | A.PercentLit):
        text = node.raw
    elif isinstance(node, A.Ident):
        text = node.name
    elif isinstance(node, A.FunctionCall):
        text = f"{node.name}({', '.join(expr_text(a, limit) for a in node.args)})"
    elif isinstance(node, A.IfExpr):
        text = (f"if({expr_text(node.condition, limit)}, {expr_text(node.then, limit)}, "
                f"{expr_text(node.otherwise, limit)})")
    elif isinstance(node, A.IPLit):
        text = f'"{node.address}"'
    else:
        text = "..."
    return text if len(text) <= limit else text[: limit - 3] + "..."
