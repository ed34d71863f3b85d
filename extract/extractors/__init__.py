"""Built-in extractor plugins; importing this package registers them."""
from extract.extractors import entities  # noqa: F401
from extract.extractors import outcomes  # noqa: F401
from extract.extractors import doses  # noqa: F401
from extract.extractors import study  # noqa: F401
from extract.extractors import recommendations  # noqa: F401
from extract.extractors import references  # noqa: F401
from extract.extractors import registration  # noqa: F401
from extract.extractors import citations  # noqa: F401
from extract.extractors import endpoints  # noqa: F401
from extract.extractors import interventions  # noqa: F401
