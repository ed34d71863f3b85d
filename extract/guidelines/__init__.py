"""extract/guidelines."""
