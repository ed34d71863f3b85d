"""kg/ingest."""
