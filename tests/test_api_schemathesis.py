"""The whole API against its own OpenAPI schema, with schemathesis, as a visitor, as alice
(member of society A) and as edith (IFRC editor, second factor on).

Every operation of the schema is called with data generated from it: examples, the coverage
phase (each parameter's edges, each field missing or of the wrong type) and random fuzzing,
valid and invalid. Seven checks must hold for every call: no server error; only documented
status codes and content types; every body as its schema says; invalid data refused; valid data
accepted (or refused for the state of the data: 409, or for who is asking: 401, 403, 404); and
no operation that needs credentials answers without them.

The calls go through the WSGI application in this process, in the test's transaction on the
real PostgreSQL test database, so what one call writes the next call sees, and nothing is kept.
EXAMPLES examples per operation and a fixed seed keep the run short and the same every time.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.urls import reverse
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from core.services import create_token
from practices.models import Status
from tests.networks.routes_factories import RouteFactory, RouteStopFactory, SupportOfferFactory
from tests.practices.factories import make_practice
from tests.reports.factories import make_indicator, make_period, make_submission

EXAMPLES = 10
SEED = 8103
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    ignored_auth,
]


@schemathesis.deserializer("text/csv")
def read_csv(ctx, response):
    """The practice export: its schema is a string."""
    return response.content.decode("utf-8-sig")


@pytest.fixture
def records(alice, bob, edith, society_a, society_b):
    """Something of each kind for the operations to find: practices in each status, an
    indicator, a period open for values, a society's submission."""
    make_practice(alice, society_a)
    make_practice(alice, society_a, status=Status.SUBMITTED, title="Waiting for review")
    make_practice(bob, society_b, status=Status.PUBLISHED, editor=edith, title="Cash at borders")
    indicator = make_indicator(edith)
    period = make_period(edith, [indicator])
    make_submission(alice, society_a, period, {indicator.code: {"total": "12"}})
    SupportOfferFactory(society=society_a)
    RouteStopFactory(route=RouteFactory(slug="central-mediterranean"), position=1)


@pytest.fixture
def in_the_test_transaction():
    """Django closes the database connection after each request it serves, which would end
    the test's transaction; its test client stops that in the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


# A body can pass the schema and still break a rule no JSON schema can state: what a file
# holds, how two fields or two records stand to each other. There a 400 naming the field is the
# answer to data the generator takes for valid, so these operations accept a 400 to valid data
# too; every other check, and this one for every other status, holds for them as for the rest.
RULES_BEYOND_THE_SCHEMA = {
    ("POST", "/api/v1/practices/"): "the contact is a member of the society; an editor says "
    "which society; the end year does not come before the start year",
    ("PATCH", "/api/v1/practices/{id}/"): "the contact is a member of the society; the end "
    "year does not come before the start year",
    ("POST", "/api/v1/practices/{id}/attachments/"): "the file's bytes are those of its type",
    ("POST", "/api/v1/submissions/{id}/import/"): "the file is a CSV of the period's indicators",
    ("PATCH", "/api/v1/submissions/{id}/"): "only the period's indicators, with the breakdowns "
    "each offers, in its unit, adding up to the total",
    ("POST", "/api/v1/networks/{slug}/coordinators/"): "the address is a registered person's, "
    "an approved member of a society",
    ("POST", "/api/v1/networks/{network_slug}/requests/{id}/decline/"): "a request to join is "
    "declined with a reason; an invitation without one",
    ("POST", "/api/v1/adaptations/"): "the language is one CLDR knows; the guideline has a "
    "published version; a member of several societies says which",
    ("PATCH", "/api/v1/adaptations/{id}/"): "only the version's parameters and adaptable sections",
    ("POST", "/api/v1/offers/"): "at least one way to reach the offer; both coordinates or "
    "neither; an editor says which society",
    ("PATCH", "/api/v1/offers/{id}/"): "at least one way to reach the offer; both coordinates "
    "or neither",
    ("POST", "/api/v1/routes/"): "a free slug; never the same country twice in a row; a "
    "coordinator links the route to their network",
    ("PATCH", "/api/v1/routes/{slug}/"): "a free slug; never the same country twice in a row; "
    "a coordinator keeps the route linked to their network",
}
POSITIVE_DATA_STATUSES = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]


@pytest.fixture
def api_schema(db, settings, in_the_test_transaction, records):
    # The throttles count in the cache: with one that keeps nothing, this test that calls the
    # API thousands of times a minute is not answered 429 after the first hundred.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    config = schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "generation": {"max-examples": EXAMPLES, "deterministic": True},
            # The coverage phase tries every value of every list of codes (249 countries, 191
            # societies, in filters and bodies): a run of its own, with `st run` (README).
            "phases": {"coverage": {"enabled": False}, "stateful": {"enabled": False}},
            "operations": [
                {
                    "include-method": method,
                    "include-path": path,
                    "checks": {
                        "positive_data_acceptance": {
                            "expected-statuses": [*POSITIVE_DATA_STATUSES, "400"]
                        }
                    },
                }
                for method, path in RULES_BEYOND_THE_SCHEMA
            ],
        }
    )
    return schemathesis.openapi.from_wsgi(
        f"{reverse('api-schema')}?format=json", application, config=config
    )


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture(autouse=True)
def _node_id_for_schemathesis(request):
    # schemathesis names each operation's subtest through `_nodeid`, which pytest 9 renamed.
    request.node._nodeid = request.node.nodeid


def call_and_validate(case, user=None):
    headers = {}
    if user is not None:
        _token, key = create_token(user=user)
        headers["Authorization"] = f"Token {key}"
    case.call_and_validate(headers=headers, checks=CHECKS)


@schema.parametrize()
def test_a_visitor_is_answered_as_the_schema_says(case, records):
    call_and_validate(case)


@schema.parametrize()
def test_alice_is_answered_as_the_schema_says(case, records, alice):
    call_and_validate(case, alice)


@schema.parametrize()
def test_edith_is_answered_as_the_schema_says(case, records, edith):
    call_and_validate(case, edith)
