"""Built-in extractor plugins; importing this package registers them."""
from evkg.extract.trials import entities  # noqa: F401
from evkg.extract.results import outcomes  # noqa: F401
from evkg.extract.trials import doses  # noqa: F401
from evkg.extract.trials import study  # noqa: F401
from evkg.extract.guidelines import recommendations  # noqa: F401
from evkg.extract.guidelines import references  # noqa: F401
from evkg.extract.trials import registration  # noqa: F401
from evkg.extract.guidelines import citations  # noqa: F401
from evkg.extract.trials import endpoints  # noqa: F401
from evkg.extract.trials import interventions  # noqa: F401
