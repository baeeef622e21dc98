"""The plan engine: diff(spec, remote) -> ServicePlan, the Plan model, rendering."""

from .diff import diff
from .model import PLAN_FORMAT, Change, ElementChange, FieldChange, Plan, ServicePlan

__all__ = ["PLAN_FORMAT", "Change", "ElementChange", "FieldChange", "Plan", "ServicePlan", "diff"]
