"""HTTP benchmark of the production topology: ``python -m bench.http`` (see ``__main__``)."""
