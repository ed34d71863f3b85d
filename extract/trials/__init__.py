"""extract/trials."""
