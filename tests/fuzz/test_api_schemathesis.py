"""The API against its own schema (/api/openapi.json): schemathesis generates requests for every
operation, valid and not, sent to the Django WSGI application with a token of an author who
owns dossiers. No request may get a server error, every answer must match the schema (status
code and body), and every rejection is JSON with a message.

FUZZ_EXAMPLES (default 150) sets the examples per operation.
"""

import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import checks

from sangtao.api.services import token_create
from sangtao.initiatives import services as initiatives

from ..factories import ONE_AUTHOR, complete_dossier

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
# Not checked: "ignored_auth" (every request here carries a valid token on purpose) and
# "positive_data_acceptance" (the forms' own rules, such as open rounds and shares summing to
# 100 %, rightly refuse some data the schema allows, with a 422 and a message).
CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_schema_conformance,
    checks.response_headers_conformance,
]


def _schema():
    """The schema /api/openapi.json serves (built without a request: collection may not touch
    the database), bound to the WSGI application."""
    from django.test import Client

    from sangtao.wsgi import application

    served = Client().get("/api/openapi.json")
    assert served.status_code == 200
    loaded = schemathesis.openapi.from_dict(served.json())
    loaded.app = application
    loaded.location = "/api/openapi.json"
    return loaded


schema = _schema()


@pytest.fixture(autouse=True)
def _keep_the_tests_connection():
    """Requests go to the WSGI application itself, whose end closes the database connection
    (the test's transaction with it); Django's test client unhooks that, and so do we."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def author_token(movement, tree, people):
    """A token of the school's author, who has a draft and a submitted dossier."""
    author = people["author"]
    data = complete_dossier(movement, tree["school"])
    initiatives.initiative_create(by=author, data=data, authors=ONE_AUTHOR)
    submitted = initiatives.initiative_create(by=author, data=data, authors=ONE_AUTHOR)
    initiatives.initiative_submit(initiative=submitted, by=author)
    _token, raw = token_create(name="fuzz", by=author)
    return raw


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_operation_answers_within_its_schema(case, author_token):
    response = case.call(headers={"Authorization": f"Bearer {author_token}"})
    case.validate_response(response, checks=CHECKS)
    if response.status_code >= 400 and response.status_code != 405:
        body = response.json()
        assert body.get("detail"), f"{case.method} {case.path}: a rejection without a message"
