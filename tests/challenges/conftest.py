from tests.api.conftest import make_initiative  # noqa: F401  (recognised initiatives)
