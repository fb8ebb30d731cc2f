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


def publish_through_services(guideline, editor, sections, *, level="substantive", parameters=()):
    """The next version of `guideline` with `sections` ({key: (heading, body)}, the others
    removed), written, reviewed and published by `editor` as the services do it."""
    from advocacy.services import guidelines as services

    version = services.create_version(guideline=guideline, actor=editor)
    for key in set(version.sections.values_list("key", flat=True)) - set(sections):
        services.remove_section(version=version, actor=editor, key=key)
    for key, (heading, body) in sections.items():
        services.save_section(
            version=version, actor=editor, key=key, data={"heading": heading, "body": body}
        )
    for key in parameters:
        services.save_parameter(version=version, actor=editor, key=key, data={"label": key})
    services.send_to_review(version=version, actor=editor)
    carried = services.publish_version(version=version, actor=editor, change_level=level)
    version.refresh_from_db()
    return version, carried
