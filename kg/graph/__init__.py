"""kg/graph."""
