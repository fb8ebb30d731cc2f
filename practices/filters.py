"""The practice filters, shared by the catalogue page and the API so both read the same way:
repeated values OR within a field, AND across fields; unknown codes are errors naming the field.
Codes are checked against core.taxonomy and django-countries, in memory, so validating a
request costs no query."""

import copy
import functools

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core import taxonomy
from core.models import user_is_editor
from practices.models import Language, Status
from practices.search import QUERY_MAX_LENGTH, RUBRIC, search, validate_query

ORDERINGS = [
    ("relevance", _("Relevance")),
    ("-published_at", _("Newest")),
    ("title", _("Title")),
]


def _choices(vocabulary):
    return [(code, code) for code in taxonomy.codes(vocabulary)]


@functools.cache
def _country_choices():
    # Only validation reads these codes, which are the same in every language: built once
    # rather than on every request (0.7 ms each time).
    return taxonomy.country_choices()


class OverlapFilter(django_filters.MultipleChoiceFilter):
    """Matches practices whose array field carries any of the chosen codes."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.filter(**{f"{self.field_name}__overlap": list(value)})


class CopiedLightly(dict):
    """The filters of a filter set, or the fields of its form, copied for each request without
    their choices: django-filter deep-copies every filter and Django every form field, choices
    and lazily translated labels included, which was a fifth of what a list cost in Python. A
    request reassigns what it changes (a filter's parent, a field's widget) and changes nothing
    inside the choices, labels or validators, so those can be shared."""

    def __deepcopy__(self, memo):
        return {name: _copy_lightly(item) for name, item in self.items()}


def _copy_lightly(item):
    copied = copy.copy(item)
    if isinstance(item, forms.Field):
        # What Field.__deepcopy__ copies, without ChoiceField's deep copy of its choices.
        copied.widget = copy.copy(item.widget)
        copied.widget.attrs = item.widget.attrs.copy()
        copied.error_messages = item.error_messages.copy()
        copied.validators = item.validators[:]
    elif item.method is not None:
        copied.method = item.method  # binds the filter's method to the copy, not the original
    return copied


class PracticeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        method="filter_q",
        label=_("Search"),
        max_length=QUERY_MAX_LENGTH,
        validators=[validate_query],
    )
    # distinct=False on the single-column filters: they join nothing, so no row can repeat,
    # and a DISTINCT would make PostgreSQL sort every matching row.
    region = django_filters.MultipleChoiceFilter(
        field_name="region_id",
        choices=_choices("region"),
        label=_("Region"),
        distinct=False,
    )
    country = OverlapFilter(field_name="countries", choices=_country_choices, label=_("Country"))
    society = django_filters.BaseInFilter(field_name="society__slug", label=_("Society"))
    principle = OverlapFilter(
        field_name="principles", choices=_choices("principle"), label=_("Principle")
    )
    step = OverlapFilter(field_name="steps", choices=_choices("step"), label=_("Step"))
    dimension = OverlapFilter(
        field_name="dimensions", choices=_choices("dimension"), label=_("Dimension")
    )
    support_type = OverlapFilter(
        field_name="support_types",
        choices=_choices("support_type"),
        label=_("Type of support"),
    )
    kind = django_filters.MultipleChoiceFilter(
        choices=taxonomy.Kind.choices, label=_("Kind"), distinct=False
    )
    language = django_filters.MultipleChoiceFilter(
        choices=Language.choices, label=_("Language"), distinct=False
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Status.choices, label=_("Status"), distinct=False
    )
    rubric = django_filters.MultipleChoiceFilter(
        choices=[(code, code) for code in RUBRIC], method="filter_rubric", label=_("Rubric")
    )
    published_after = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__gte", label=_("Published on or after")
    )
    published_before = django_filters.DateFilter(
        field_name="published_at", lookup_expr="date__lte", label=_("Published on or before")
    )
    ordering = django_filters.ChoiceFilter(
        choices=ORDERINGS, method="filter_ordering_later", label=_("Order by"), empty_label=None
    )

    def filter_q(self, queryset, name, value):
        value = value.strip()
        return search(queryset, value, ranked=self.ranked) if value else queryset

    def filter_rubric(self, queryset, name, value):
        # Every chosen quality criterion must hold (AND): the rubric narrows.
        return queryset.filter(**{RUBRIC[code]: True for code in value})

    def filter_ordering_later(self, queryset, name, value):
        return queryset  # applied in filter_queryset, after the search has ranked the rows

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        ordering = self.form.cleaned_data.get("ordering")
        searching = bool(self.form.cleaned_data.get("q", "").strip())
        if ordering == "title":
            return queryset.order_by("title", "id")
        # Relevance needs a search; without one it falls back to the newest first.
        if searching and self.ranked and ordering in ("relevance", "", None):
            return queryset.order_by("-rank", "-published_at", "-id")
        return queryset.order_by("-published_at", "-updated_at", "-id")

    def get_form_class(self):
        # The form's fields come from the filters alone and read nothing of the request (their
        # labels translate when shown): the class is built once, not on every request.
        cls = type(self)
        if cls.__dict__.get("_form_class") is None:
            form_class = super().get_form_class()
            form_class.base_fields = CopiedLightly(form_class.base_fields)
            cls._form_class = form_class
        return cls._form_class

    def __init__(self, *args, request=None, ranked=True, **kwargs):
        # ranked=False: a search only narrows (counting needs no relevance order).
        self.ranked = ranked
        cls = type(self)
        if not isinstance(cls.__dict__.get("base_filters"), CopiedLightly):
            cls.base_filters = CopiedLightly(cls.base_filters)
        super().__init__(*args, request=request, **kwargs)
        # Only editors filter on statuses beyond what everyone sees; the queryset already
        # holds only what the user may see, so this is about the form, not about safety.
        if request is not None and not user_is_editor(request.user):
            self.form.fields["status"].widget = forms.MultipleHiddenInput()
