"""Helpers the tests share: where the corpora and fixtures are, servers, crash corpora, mutants."""
