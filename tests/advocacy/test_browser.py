"""One journey through a real browser (headless Chromium, Debian's): edith publishes version 2 of
a guideline as a substantive change; alice's adaptation of version 1 shows as outdated with what
changed; she carries it forward, writes the changed section again and submits it."""

import pytest

from advocacy.models import Adaptation
from advocacy.services import guidelines
from tests.advocacy.test_adaptations import V1, published_adaptation, write_version
from tests.browser import log_in

# The live server needs committed rows, so this test runs outside a rolled-back transaction
# and its tables are flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)


def test_edith_publishes_a_substantive_version_and_alice_carries_her_adaptation_forward(
    browser, live_server, alice, fiona, edith, society_a
):
    base = live_server.url
    guideline = guidelines.create_guideline(
        actor=edith, data={"title": "Humanitarian access for migrants"}
    )
    write_version(guideline, edith, V1)
    old = published_adaptation(
        guideline, alice, edith, society_a, asks="L'Italia deve garantire l'accesso."
    )
    version = guidelines.create_version(guideline=guideline, actor=edith)
    guidelines.save_section(
        version=version,
        actor=edith,
        key="asks",
        data={"body": "States must guarantee safe and dignified access."},
    )

    # Edith sends version 2 to review and publishes it as a substantive change.
    context = browser.new_context()
    page = context.new_page()
    log_in(page, base, edith, next_url=version.get_absolute_url())
    page.get_by_role("button", name="Send to review").click()
    page.get_by_label("Substantive: the meaning changed").check()
    page.get_by_label("Change note").fill("The asks now say must.")
    page.get_by_role("button", name="Publish", exact=True).click()
    page.get_by_text("The version is published as a substantive change").wait_for()
    context.close()
    old.refresh_from_db()
    assert old.outdated  # the task ran after the publish committed

    # Alice finds her adaptation outdated, with the source's changes, and carries it forward.
    context = browser.new_context()
    page = context.new_page()
    log_in(page, base, alice, next_url=old.get_absolute_url())
    page.get_by_role(
        "heading", name="Outdated: version 2 of the guideline changed its meaning"
    ).wait_for()
    assert page.locator("ins", has_text="must").count() >= 1
    assert page.locator("del", has_text="should").count() >= 1
    page.get_by_role("button", name="Carry it forward to version 2").click()
    page.get_by_text("The source of this section changed: look at it again.").wait_for()
    assert page.get_by_text("L'Italia deve garantire l'accesso.").count() >= 1
    page.get_by_label("Your text for “Asks”").fill(
        "L'Italia deve garantire un accesso sicuro e dignitoso."
    )
    page.get_by_role("button", name="Save the adaptation").click()
    page.get_by_text("Your adaptation is saved.").wait_for()
    page.get_by_role("button", name="Submit for approval").click()
    page.get_by_text("The adaptation is submitted for approval.").wait_for()
    context.close()

    carried = Adaptation.objects.get(version__number=2)
    assert (carried.status, carried.society, carried.language) == ("submitted", society_a, "it")
    assert carried.sections.get(section_key="asks").text.endswith("sicuro e dignitoso.")
    assert carried.parameter_values.get().text == "Legislative Decree 286/1998"
