"""Guidelines with versions and sections, made directly (the services are tested elsewhere)."""

from django.utils import timezone

from advocacy.models import ChangeLevel, Guideline, GuidelineVersion, Parameter, Section


def make_guideline(owner, *, slug="access", title="Humanitarian access", **fields):
    return Guideline.objects.create(owner=owner, slug=slug, title=title, **fields)


def make_version(guideline, *, number=1, sections=None, parameters=None, publish=False):
    """A draft version with `sections` ({key: (heading, body)}), published when asked."""
    version = GuidelineVersion.objects.create(guideline=guideline, number=number)
    for position, (key, (heading, body)) in enumerate((sections or {}).items()):
        Section.objects.create(
            version=version, key=key, position=position, heading=heading, body=body
        )
    for position, key in enumerate(parameters or []):
        Parameter.objects.create(version=version, key=key, position=position, label=key)
    if publish:
        now = timezone.now()
        version.status = "published"
        version.change_level = ChangeLevel.SUBSTANTIVE
        version.published_at = now
        version.save()
        guideline.published_at = now
        guideline.save(update_fields=["published_at"])
    return version
