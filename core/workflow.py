"""Workflows, declared once: each is a table of transitions that the services read to allow or
refuse a step, and that pages and the API read to show only the steps a user may take.

    PRACTICE_WORKFLOW = Workflow(
        refusal=_("A practice that is %(status)s cannot be %(action)s."),
        transitions=[
            Transition("submit", sources=["draft"], target="submitted",
                       by={MEMBERS, EDITORS}, label=_("Submit for review"), past=_("submitted")),
            Transition("publish", sources=["submitted"], target="published",
                       by={EDITORS}, label=_("Publish"), past=_("published")),
        ],
    )

    # a service, on the row it has locked:
    PRACTICE_WORKFLOW.check(practice, actor, "publish")   # PermissionDenied / ValidationError
    # a page or serializer:
    PRACTICE_WORKFLOW.available(practice, user)           # [Transition, ...]

Besides the owning society's members and focal points and the editors, an app may name its
own kind of actor, a `Role` with a test of (user, object): the coordinators of the network an
object belongs to are

    COORDINATORS = Role("coordinators", lambda user, obj: is_coordinator(user, obj.network))
    Transition("approve", sources=["pending"], target="accepted", by={COORDINATORS, EDITORS}, ...)

A refusal for who is asking is PermissionDenied (403); a refusal for where the object stands is
ValidationError on `status`, which core.api.errors answers as a 409 conflict and pages show as
a message. A missing note is ValidationError on `note` (400).

Why a small table and not django-fsm-2 or viewflow.fsm: both put the transition on a model
method (`@transition` / `@flow.transition`) that changes the state field, with permissions
and conditions beside it. Our services own the write (they lock the row, apply the step's own
effects, save with a pghistory context and queue follow-up work after commit), and views,
serializers and admin call services, not model methods. A library would then hold only the
table, which is a few lines here, and bring a second way to change a status (its protected
field, its signals) that the services would have to fence off. The table reads the same for
any model with a state and an owning society, and needs no migration.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from core.models import Membership, user_is_editor


class Actor(enum.Enum):
    """Who may take a step, relative to the object's owning society."""

    MEMBERS = "members"  # its approved members (focal points included)
    FOCAL_POINTS = "focal-points"  # its approved focal points
    EDITORS = "editors"  # IFRC editors


MEMBERS, FOCAL_POINTS, EDITORS = Actor.MEMBERS, Actor.FOCAL_POINTS, Actor.EDITORS


@dataclass(frozen=True)
class Role:
    """An actor an app defines, for people whose part in an object is not a society role nor
    an editor's: `test(user, obj)` says whether `user` is one for `obj`. It is asked only when
    a transition of the workflow names it, and only for an active, logged-in user."""

    name: str
    test: Callable[[Any, Any], bool] = field(compare=False)


@dataclass(frozen=True)
class Transition:
    """One step: its `name` (the action of URLs and the API), the states it leaves from, the
    state it leads to, who may take it, and how a button offers it.

    Several rows may share a name when the same action starts from different states with
    different guards (a practice's "publish" of a submission and of a pending revision).
    `when` is a guard on the object beyond its state; `unless` the refusal when it fails.
    `refusal` overrides the workflow's message for a wrong state; `denied` its message for
    the wrong person. Messages may name %(status)s, %(action)s and %(society)s.
    """

    name: str
    sources: Iterable[str]
    target: str
    by: Iterable[Actor | Role]
    label: str
    past: str = ""
    note_required: bool = False
    note_label: str = ""
    note_missing: str = ""
    when: Callable[[Any], bool] | None = None
    unless: str = ""
    refusal: str = ""
    denied: str = ""
    secondary: bool = False

    def __post_init__(self):
        object.__setattr__(self, "sources", frozenset(self.sources))
        object.__setattr__(self, "by", frozenset(self.by))

    def starts_from(self, obj, state: str) -> bool:
        return state in self.sources and (self.when is None or self.when(obj))


@dataclass(frozen=True)
class Workflow:
    transitions: list[Transition]
    refusal: str = _("This cannot be done now.")
    denied: str = _("You may not do this.")
    # How the object's state is read (a report's is derived from two fields), how it is
    # named in a refusal, and which society owns it.
    state: Callable[[Any], str] = field(default=lambda obj: obj.status)
    state_label: Callable[[Any], str] = field(
        default=lambda obj: str(obj.get_status_display()).lower()
    )
    society_id: Callable[[Any], int | None] = field(
        default=lambda obj: getattr(obj, "society_id", None)
    )
    # Who counts among the owning society's MEMBERS, when the app says more than "an approved
    # member" (a submission's values are entered by none of its editors): (user, obj) -> bool.
    is_member: Callable[[Any, Any], bool] | None = None

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(transition.name for transition in self.transitions))

    @property
    def roles(self) -> set[Role]:
        return {actor for transition in self.transitions for actor in transition.by} - set(Actor)

    def actors(self, obj, user) -> set[Actor | Role]:
        """Who `user` is for `obj`: an editor, a member or focal point of its society, and any
        of the workflow's own roles whose test they pass."""
        if user is None or not user.is_authenticated or not user.is_active:
            return set()
        actors: set[Actor | Role] = {EDITORS} if user_is_editor(user) else set()
        actors |= {role for role in self.roles if role.test(user, obj)}
        society_id = self.society_id(obj)
        if society_id is None or society_id not in user.approved_society_ids:
            return actors
        if self.is_member is None or self.is_member(user, obj):
            actors.add(MEMBERS)
        if any(FOCAL_POINTS in transition.by for transition in self.transitions) and (
            Membership.objects.approved()
            .filter(user=user, society_id=society_id, role=Membership.Role.FOCAL_POINT)
            .exists()
        ):
            actors.add(FOCAL_POINTS)
        return actors

    def available(self, obj, user) -> list[Transition]:
        """The steps `user` may take on `obj` now, one per action, in the table's order."""
        actors = self.actors(obj, user)
        state = self.state(obj)
        found: dict[str, Transition] = {}
        for transition in self.transitions:
            if (
                transition.name not in found
                and actors & transition.by
                and transition.starts_from(obj, state)
            ):
                found[transition.name] = transition
        return list(found.values())

    def available_names(self, obj, user) -> list[str]:
        return [transition.name for transition in self.available(obj, user)]

    def check(self, obj, user, name: str, *, note: str | None = None) -> Transition:
        """The row of `name` that `user` may take on `obj` now; refuses otherwise.

        PermissionDenied when no row of the action is for `user`; ValidationError on `status`
        when the object is not in a state it starts from (or a guard fails); ValidationError
        on `note` when the step needs a note and has none. Call it on the row the service has
        locked."""
        rows = [transition for transition in self.transitions if transition.name == name]
        if not rows:
            raise ValueError(f"No transition named {name!r}")
        actors = self.actors(obj, user)
        allowed = [transition for transition in rows if actors & transition.by]
        if not allowed:
            raise PermissionDenied(self._message(rows[0].denied or self.denied, obj, rows[0]))
        state = self.state(obj)
        in_state = [transition for transition in allowed if state in transition.sources]
        chosen = next((row for row in in_state if row.starts_from(obj, state)), None)
        if chosen is None:
            guarded = next((row for row in in_state if row.unless), None)
            row = guarded or allowed[0]
            message = guarded.unless if guarded else (row.refusal or self.refusal)
            raise ValidationError({"status": [self._message(message, obj, row)]})
        if chosen.note_required and not (note or "").strip():
            raise ValidationError({"note": [chosen.note_missing or _("Write a note.")]})
        return chosen

    def _message(self, message: str, obj, transition: Transition) -> str:
        return str(message) % {
            "status": self.state_label(obj),
            "action": str(transition.past or transition.name),
            "society": getattr(obj, "society", "") if self.society_id(obj) else "",
        }
