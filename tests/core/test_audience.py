"""core.audience: who reads each audience, and who sees and edits society-owned content.

An audience-by-persona matrix over practices of every status and visibility (the practice
model), the same rule on reports (a model no society owns) and submissions (a model with no
audience), the object answers taken from the same rule, and the report compile counting
exactly what the persona standing for its audience sees.
"""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from core.audience import Reader, Visibility, may_read
from core.models import Membership, NationalSociety
from practices import permissions
from practices.models import Practice, Status
from reports import services as report_services
from reports.models import Report, ReportKind, ReportStatus, Submission
from tests.factories import MembershipFactory
from tests.practices.factories import make_practice
from tests.reports.factories import make_indicator, make_period, make_submission

pytestmark = pytest.mark.django_db

STATUSES = [
    Status.DRAFT,
    Status.SUBMITTED,
    Status.CHANGES_REQUESTED,
    Status.PUBLISHED,
    Status.ARCHIVED,
]
VISIBILITIES = [Visibility.PUBLIC, Visibility.MOVEMENT, Visibility.IFRC]


@pytest.fixture
def inactive(society_a):
    user = MembershipFactory(society=society_a, user__email="gone@example.org").user
    user.is_active = False
    user.save()
    return user


@pytest.fixture
def pending(society_a):
    return MembershipFactory(
        society=society_a, user__email="waiting@example.org", status=Membership.Status.PENDING
    ).user


@pytest.fixture
def carol(db):
    """An approved member of a third society (France), which owns none of the practices."""
    society = NationalSociety.objects.get(country_id="FRA", kind="national-society")
    return MembershipFactory(society=society, user__email="carol@example.org").user


@pytest.fixture
def personas(alice, fiona, bob, edith, inactive, pending, carol):
    return {
        "anonymous": AnonymousUser(),
        "alice": alice,
        "fiona": fiona,
        "bob": bob,
        "edith": edith,
        "inactive": inactive,
        "pending": pending,
        "carol": carol,
    }


@pytest.fixture
def practices(alice, bob, edith, society_a, society_b):
    """One practice of each status and visibility for society A (by alice) and society B (by
    bob), keyed (society letter, status, visibility)."""
    made = {}
    for (letter, author, society), status, visibility in itertools.product(
        [("A", alice, society_a), ("B", bob, society_b)], STATUSES, VISIBILITIES
    ):
        made[letter, status, visibility] = make_practice(
            author,
            society,
            status=status,
            editor=edith,
            visibility=visibility,
            title=f"{letter} {status} {visibility}",
        )
    return made


def expected_to_see(persona: str, letter: str, status: str, visibility: str) -> bool:
    """The rule of DESIGN.md written out by hand, persona by persona."""
    published = status == Status.PUBLISHED
    own = {"alice": "A", "fiona": "A", "bob": "B"}.get(persona) == letter
    if persona == "edith":
        return status != Status.DRAFT  # every practice but a society's draft
    if own:
        return True  # the society's own, drafts included
    if persona in ("alice", "fiona", "bob", "carol"):
        return published and visibility in (Visibility.PUBLIC, Visibility.MOVEMENT)
    # anonymous, an inactive account, a member still waiting for approval
    return published and visibility == Visibility.PUBLIC


def expected_to_edit(persona: str, letter: str, status: str, visibility: str) -> bool:
    if persona == "edith":
        return expected_to_see(persona, letter, status, visibility)
    own = {"alice": "A", "fiona": "A", "bob": "B"}.get(persona) == letter
    return own and status in (Status.DRAFT, Status.CHANGES_REQUESTED, Status.PUBLISHED)


def test_each_persona_sees_and_edits_the_practices_the_rule_gives(personas, practices):
    # One loop rather than one test per persona: the thirty practices are made once.
    for persona, user in personas.items():
        expected_visible = {pk for key, pk in _pks(practices) if expected_to_see(persona, *key)}
        expected_editable = {pk for key, pk in _pks(practices) if expected_to_edit(persona, *key)}
        visible = set(Practice.objects.visible_to(user).values_list("pk", flat=True))
        editable = set(Practice.objects.editable_by(user).values_list("pk", flat=True))
        assert visible == expected_visible, persona
        assert editable == expected_editable, persona
        for key, practice in practices.items():
            assert permissions.can_view_practice(user, practice) == expected_to_see(
                persona, *key
            ), (persona, key)
            assert permissions.can_edit_practice(user, practice) == expected_to_edit(
                persona, *key
            ), (persona, key)


def _pks(practices):
    return [(key, practice.pk) for key, practice in practices.items()]


def test_an_editors_own_draft_is_hers_to_see(edith, society_a):
    draft = make_practice(edith, society_a, title="Written by the IFRC for Italy")
    assert Practice.objects.visible_to(edith).filter(pk=draft.pk).exists()
    assert not Practice.objects.visible_to(AnonymousUser()).filter(pk=draft.pk).exists()


@pytest.mark.parametrize(
    ("persona", "movement", "ifrc_of_a"),
    [
        ("anonymous", False, False),
        ("inactive", False, False),
        ("pending", False, False),
        ("alice", True, True),
        ("fiona", True, True),
        ("bob", True, False),
        ("carol", True, False),
        ("edith", True, True),
    ],
)
def test_who_reads_the_movement_and_the_ifrc_audience(
    persona, movement, ifrc_of_a, personas, society_a
):
    user = personas[persona]
    assert may_read(user, Visibility.PUBLIC)
    assert may_read(user, Visibility.MOVEMENT) is movement
    assert may_read(user, Visibility.IFRC, society_a.pk) is ifrc_of_a
    # The practice page's two answers are these, not rules of their own.
    practice = Practice(society=society_a)
    assert permissions.can_see_contact_person(user) is movement
    assert permissions.can_see_review(user, practice) is ifrc_of_a


# --- The same kit on other models -------------------------------------------------------------


@pytest.fixture
def reports(edith):
    """A report of each audience, published and not (keyed (audience, published))."""
    made = {}
    for number, (audience, published) in enumerate(itertools.product(VISIBILITIES, [True, False])):
        made[audience, published] = Report.objects.create(
            kind=ReportKind.PRACTICES_OVERVIEW,
            audience=audience,
            fingerprint=f"test-{number}",
            status=ReportStatus.DONE,
            result={},
            published_at=timezone.now() if published else None,
        )
    return made


@pytest.mark.parametrize(
    ("persona", "audiences"),
    [
        ("anonymous", {Visibility.PUBLIC}),
        ("inactive", {Visibility.PUBLIC}),
        ("pending", {Visibility.PUBLIC}),
        ("alice", {Visibility.PUBLIC, Visibility.MOVEMENT}),
        ("bob", {Visibility.PUBLIC, Visibility.MOVEMENT}),
    ],
)
def test_a_report_is_read_by_its_audience_once_published(persona, audiences, personas, reports):
    visible = set(Report.objects.visible_to(personas[persona]))
    # No society owns a report: one for the IFRC is the editors' only, even for alice.
    assert visible == {reports[audience, True] for audience in audiences}


def test_edith_sees_every_report_published_or_not(edith, reports):
    assert set(Report.objects.visible_to(edith)) == set(reports.values())


def test_a_submission_has_no_audience_only_its_society_and_the_editors(
    alice, fiona, bob, edith, pending, society_a
):
    indicator = make_indicator(edith)
    period = make_period(edith, [indicator])
    draft = make_submission(alice, society_a, period, {indicator.code: {"total": "3"}})
    assert set(Submission.objects.visible_to(fiona)) == {draft}
    assert set(Submission.objects.editable_by(alice)) == {draft}
    for outsider in (AnonymousUser(), bob, pending, edith):
        assert not Submission.objects.visible_to(outsider).exists()
    report_services.submit_submission(submission=draft, actor=alice)
    assert set(Submission.objects.visible_to(edith)) == {draft}
    assert not Submission.objects.editable_by(edith).exists()  # editors do not enter values
    assert not Submission.objects.editable_by(alice).exists()  # sent: no longer changes
    assert not Submission.objects.visible_to(bob).exists()


# --- Reports count what their audience's reader sees ------------------------------------------


def test_each_audiences_reader_is_the_persona_it_stands_for(personas):
    assert Reader.for_audience("public").audiences == Reader.of(personas["anonymous"]).audiences
    assert Reader.for_audience("movement").audiences == Reader.of(personas["carol"]).audiences
    assert Reader.for_audience("ifrc").audiences == Reader.of(personas["edith"]).audiences
    assert Reader.for_audience("movement").society_ids == frozenset()


def test_a_report_counts_exactly_what_its_audiences_reader_sees(
    personas, practices, edith, django_capture_on_commit_callbacks
):
    for audience, persona in [("public", "anonymous"), ("movement", "carol"), ("ifrc", "edith")]:
        with django_capture_on_commit_callbacks(execute=True):
            report, _created = report_services.request_report(
                actor=edith, kind=ReportKind.PRACTICES_OVERVIEW, audience=audience
            )
        report.refresh_from_db()
        seen = Practice.objects.visible_to(personas[persona]).published()
        assert report.status == ReportStatus.DONE
        assert report.result["total"] == seen.count(), audience
        assert set(Practice.objects.seen_by_audience(audience)) == set(seen), audience
        # Two societies' published practices, one per visibility the audience reads.
        assert report.result["total"] == 2 * len(Reader.for_audience(audience).audiences)
