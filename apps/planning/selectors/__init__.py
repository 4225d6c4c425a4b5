"""Reads of the planning app, one module per sub-domain."""
