"""Tools the Makefile runs: they are not part of the app."""
