"""Reading results in stages: numbers as typed tokens, the measure they report, the arm they
belong to, and whose result they are (the document's own study, a cited source, a named trial)."""
