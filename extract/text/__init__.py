"""extract/text."""
