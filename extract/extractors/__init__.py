"""Built-in extractor plugins; importing this package registers them."""
from extract.extractors import entities  # noqa: F401
