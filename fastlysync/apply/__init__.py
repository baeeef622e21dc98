"""Applying plans: clone -> changes in dependency order -> validate -> activate."""
