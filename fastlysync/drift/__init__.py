"""Drift: live services compared with git, sorted into categories, with ignore rules.

`run.drift_all` checks services (the same reads as plan), `categorise` turns a plan into
drift items, `versions` finds version drift, `ignore` reads drift-ignore.yaml and `render`
prints text, markdown or JSON.
"""
