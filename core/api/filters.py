import django_filters

from core.models import Country, NationalSociety, Region


def code_choices(model, field="code"):
    """Choices read from the reference tables each time a filter validates, so an unknown code
    is a 400 naming the field."""

    def choices():
        return [(code, code) for code in model.objects.values_list(field, flat=True)]

    return choices


class CodeFilter(django_filters.MultipleChoiceFilter):
    """Repeated values OR within the field: `?region=europe&region=mena`."""

    def __init__(self, *args, model, to_field="code", **kwargs):
        kwargs.setdefault("choices", code_choices(model, to_field))
        super().__init__(*args, **kwargs)


class SocietyFilter(django_filters.FilterSet):
    region = CodeFilter(field_name="region__code", model=Region)
    country = CodeFilter(field_name="country_id", model=Country, to_field="iso3")
    q = django_filters.CharFilter(
        method="filter_name", label="Name contains (in English, French, Spanish or Arabic)"
    )

    class Meta:
        model = NationalSociety
        fields = ["region", "country", "q"]

    def filter_name(self, queryset, name, value):
        return queryset.named_like(value)
