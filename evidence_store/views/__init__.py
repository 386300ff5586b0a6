"""Public pages of the evidence store, one module per kind of page."""
