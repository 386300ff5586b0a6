"""The load and fault run of `make load`: see __main__.py, and docs/quality.md for what it shows."""
