"""kg/report."""
