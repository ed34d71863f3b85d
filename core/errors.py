"""One exception base for everything evkg reports to a user."""


class EvkgError(Exception):
    """Base of all evkg errors; the message is meant for the user and says what to do next."""


class ReadError(EvkgError):
    """A file could not be read as a document (empty, binary, undecodable, malformed)."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class SpanError(EvkgError):
    """A span does not lie inside its document."""


class ModelError(EvkgError):
    """A fact or document violates the data model (unknown kind, bad role ...)."""


class PluginError(EvkgError):
    """An extractor plugin breaks its declaration (name, requirements, the fact kinds it assigns)."""


class DuplicateDocumentError(EvkgError):
    """Two different files share one document id."""


class StoreError(EvkgError):
    """The store could not be opened, read or written."""


class QueryError(EvkgError):
    """A named query is unknown or a SPARQL query is invalid."""


class BudgetError(ReadError):
    """A document is larger than the size limit, or its reading took longer than its time budget."""
