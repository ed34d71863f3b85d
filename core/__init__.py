"""The core both `extract` and `kg` import: the data model, errors, text folding, namespaces
and the package data (ontology/, queries/). It imports neither of them."""
