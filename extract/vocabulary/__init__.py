"""extract/vocabulary."""
