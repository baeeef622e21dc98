"""The life of a service after apply: activate a draft, stage it, roll back, retire."""
