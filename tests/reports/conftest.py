"""The reports tests' shared indicators and periods, made through reports.services by edith.

Three indicators, one of each kind of figure: a count disaggregated by sex and age, a
percentage and an amount in a currency."""

import pytest

from tests.reports.factories import make_indicator, make_period


@pytest.fixture
def indicators(edith):
    return [
        make_indicator(edith),
        make_indicator(
            edith,
            code="branches-with-focal-point",
            name="Branches with a migration focal point",
            unit="percent",
            disaggregations=[],
        ),
        make_indicator(
            edith,
            code="migration-spending",
            name="Spending on migration programmes",
            unit="currency",
            currency="CHF",
            disaggregations=[],
            guidance="- Count what was **spent**, not budgeted.",
        ),
    ]


@pytest.fixture
def period(edith, indicators):
    """Open today."""
    return make_period(edith, indicators)


@pytest.fixture
def closed_period(edith, indicators):
    """Closed since yesterday."""
    return make_period(edith, indicators, label="2025", open_=False)
