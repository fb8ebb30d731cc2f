"""Audience and ownership, written once: who may read content of each audience, and who sees and
edits the content a National Society owns.

The rule (DESIGN.md): content of the `public` audience is for everyone; `movement` for the
approved members of any society, and editors; `ifrc` for editors and the owning society. A
society reads all of its own content, whatever its audience. Each model states the rest in one
`AudiencePolicy` (as wagtail's permission policies do): its owning-society field, its audience
field, what counts as published, and what editors see and edit. Its queryset takes
`AudienceQuerySet`, so that `visible_to(user)` and `editable_by(user)` come from the policy, and
the object answers (`can_view`, `can_edit`) are those querysets filtered to one row.

A new model writes:

    class NoticeQuerySet(AudienceQuerySet):
        policy = AudiencePolicy(
            audience_field="visibility", published=Q(status="published"),
            owners_edit=Q(status__in=["draft", "published"]),
        )

    class Notice(models.Model):
        society = models.ForeignKey(NationalSociety, ...)
        visibility = models.CharField(choices=Visibility.choices, default=Visibility.PUBLIC, ...)
        objects = NoticeQuerySet.as_manager()

Reports count what a reader of an audience would see: `Reader.for_audience(audience)` is that
reader (an anonymous visitor, a member of no owning society, an editor), and
`Model.objects.seen_by_audience(audience)` its published content.

Nothing here imports another app, nor core.models (so bench scripts may import it before
Django's app registry is ready).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who content is for (the values are stored; do not change them)."""

    PUBLIC = "public", _("Public: anyone")
    MOVEMENT = "movement", _("Movement: members of any National Society")
    IFRC = "ifrc", _("IFRC: editors and the owning society only")


class Reader:
    """Who is reading, as far as audiences are concerned: a person (`Reader.of(user)`), or the
    reader a report is compiled for (`user` None)."""

    user = None

    def __init__(
        self,
        *,
        is_editor: bool = False,
        is_member: bool = False,
        society_ids: frozenset[int] = frozenset(),
    ):
        self.is_editor = is_editor
        # An approved member of some society (their own, or one standing for "another").
        self.is_member = is_member
        self.society_ids = society_ids

    @classmethod
    def of(cls, user) -> Reader:
        """`user` as a reader; an anonymous visitor, an inactive account and None read alike.
        A Reader is taken as it is."""
        if isinstance(user, Reader):
            return user
        if user is None or not user.is_authenticated or not user.is_active:
            return ANONYMOUS
        return UserReader(user)

    @classmethod
    def for_audience(cls, audience: str) -> Reader:
        """The reader a report for `audience` counts for: public, an anonymous visitor;
        movement, an approved member of a society that owns nothing counted; ifrc, an editor."""
        return {
            Visibility.PUBLIC: ANONYMOUS,
            Visibility.MOVEMENT: cls(is_member=True),
            Visibility.IFRC: cls(is_editor=True),
        }[Visibility(audience)]

    @property
    def audiences(self) -> list[str]:
        """The audiences whose content this reader reads (besides their own society's)."""
        return [audience for audience, reads in AUDIENCE_READERS.items() if reads(self)]

    def may_read(self, audience: str, society_id: int | None = None) -> bool:
        """Whether this reader reads content of `audience` owned by `society_id` (None: owned
        by no society)."""
        return audience in self.audiences or (
            society_id is not None and society_id in self.society_ids
        )


class UserReader(Reader):
    """A logged-in, active person. Their memberships are read only when a rule asks (an
    editor listing reports, which no society owns, needs none)."""

    def __init__(self, user):
        self.user = user

    @cached_property
    def is_editor(self) -> bool:
        return bool(self.user.is_editor)

    @cached_property
    def society_ids(self) -> frozenset[int]:
        return frozenset(self.user.approved_society_ids)

    @cached_property
    def is_member(self) -> bool:
        return bool(self.society_ids)


ANONYMOUS = Reader()

# The one rule: who reads each audience, beside the owning society.
AUDIENCE_READERS: dict[str, Callable[[Reader], bool]] = {
    Visibility.PUBLIC: lambda reader: True,
    Visibility.MOVEMENT: lambda reader: reader.is_editor or reader.is_member,
    Visibility.IFRC: lambda reader: reader.is_editor,
}


def may_read(user, audience: str, society_id: int | None = None) -> bool:
    """Whether `user` reads content of `audience` owned by `society_id` (see Reader.may_read)."""
    return Reader.of(user).may_read(audience, society_id)


@dataclass(frozen=True)
class AudiencePolicy:
    """Who sees and who edits a model's rows, declared once.

    - `society_field`: the owning society (None: content no society owns). The society's
      approved members and focal points see all of its rows, published or not.
    - `audience_field`: the Visibility of a row (None: the content is for its society and the
      editors only). Published rows are read by their audience (AUDIENCE_READERS).
    - `published`: which rows count as published.
    - `hidden_from_editors`: the unpublished rows editors do not see (a society's draft);
      None: editors see every row. `author_field`: an editor still sees the rows they wrote.
    - `owners_edit`: the rows a society's members edit (None: none); `editors_edit`: whether
      editors edit every row they see.
    - `shared_with`: the rows a logged-in reader sees beyond their audience and their own
      society's, as the model says (the societies taking part in a response, its network's
      coordinators): a function of the Reader answering a Q, or None for no more rows.
    """

    society_field: str | None = "society"
    audience_field: str | None = None
    published: Q = field(default_factory=Q)
    hidden_from_editors: Q | None = None
    author_field: str | None = None
    owners_edit: Q | None = None
    editors_edit: bool = True
    shared_with: Callable[[Reader], Q | None] | None = None

    def visible(self, queryset: models.QuerySet, user) -> models.QuerySet:
        reader = Reader.of(user)
        if reader.is_editor and self.hidden_from_editors is None:
            return queryset.all()
        clauses = [clause for clause in [self.audience_rows(reader)] if clause is not None]
        clauses += self.own_rows(reader)
        if not clauses:
            return queryset.none()
        return queryset.filter(reduce(or_, clauses))

    def audience_rows(self, user) -> Q | None:
        """The part of `visible` that holds for who `user` is (visitor, member, editor), not
        for the society they belong to or what they wrote: a condition on the status and
        audience fields alone, so counts kept per status and audience answer it
        (practices.tallies). None: no such rows; Q(): every row."""
        reader = Reader.of(user)
        clauses = []
        if self.audience_field and reader.audiences:
            audiences = reader.audiences
            if set(audiences) == set(Visibility.values):
                clauses.append(self.published)
            else:
                clauses.append(self.published & Q(**{f"{self.audience_field}__in": audiences}))
        if reader.is_editor:
            if self.hidden_from_editors is None:
                return Q()
            # Editors read every audience, so every row they review is theirs to see.
            clauses.append(~self.hidden_from_editors)
        return reduce(or_, clauses) if clauses else None

    def own_rows(self, user) -> list[Q]:
        """The rest of `visible`: the rows of `user`'s societies, those shared with them
        (`shared_with`), and those an editor wrote."""
        reader = Reader.of(user)
        clauses = []
        if self.society_field and reader.society_ids:
            clauses.append(Q(**{f"{self.society_field}__in": reader.society_ids}))
        if self.shared_with is not None and reader.user is not None:
            shared = self.shared_with(reader)
            if shared is not None:
                clauses.append(shared)
        editor_wrote = reader.is_editor and self.hidden_from_editors is not None
        if editor_wrote and self.author_field and reader.user is not None:
            clauses.append(Q(**{self.author_field: reader.user}))
        return clauses

    def reader_key(self, user) -> str:
        """A text equal for two readers who see the same rows of the model: what a page
        built for one audience is cached under (core.versions.cached). Members of the same
        societies share one; a reader who sees rows as a person (shared with them, or that
        an editor wrote) has their own."""
        reader = Reader.of(user)
        if reader.is_editor and self.hidden_from_editors is None:
            return "all"
        parts = [",".join(reader.audiences)]
        if self.society_field and reader.society_ids:
            parts.append("s" + ",".join(str(pk) for pk in sorted(reader.society_ids)))
        personal = self.shared_with is not None or (
            reader.is_editor and self.hidden_from_editors is not None and self.author_field
        )
        if personal and reader.user is not None:
            parts.append(f"u{reader.user.pk}")
        return ";".join(parts)

    def editable(self, queryset: models.QuerySet, user) -> models.QuerySet:
        reader = Reader.of(user)
        if reader.user is None:
            return queryset.none()
        if reader.is_editor and self.editors_edit:
            return self.visible(queryset, reader)
        if self.owners_edit is None or not (self.society_field and reader.society_ids):
            return queryset.none()
        return queryset.filter(
            self.owners_edit, **{f"{self.society_field}__in": reader.society_ids}
        )

    def can_view(self, user, obj: models.Model) -> bool:
        return self.visible(type(obj)._default_manager.all(), user).filter(pk=obj.pk).exists()

    def can_edit(self, user, obj: models.Model) -> bool:
        return self.editable(type(obj)._default_manager.all(), user).filter(pk=obj.pk).exists()


class AudienceQuerySet(models.QuerySet):
    """A queryset whose `visible_to` and `editable_by` come from the model's `policy`."""

    policy: ClassVar[AudiencePolicy]

    def visible_to(self, user):
        """The one rule for who sees which row: pages, API, search, exports and feeds start
        here; a lookup through it makes what one may not see a 404."""
        return self.policy.visible(self, user)

    def editable_by(self, user):
        return self.policy.editable(self, user)

    def seen_by_audience(self, audience: str):
        """The published rows a reader of `audience` sees (Reader.for_audience): what a
        report for that audience counts."""
        return self.visible_to(Reader.for_audience(audience)).filter(self.policy.published)
