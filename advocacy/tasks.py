"""Thin tasks: they take ids, call a service, and own the retry policy; safe to run twice."""

from celery import shared_task

from advocacy.services import adaptations


@shared_task(name="advocacy.mark_adaptations_outdated")
def mark_adaptations_outdated(version_id: int) -> list[int]:
    return adaptations.mark_adaptations_outdated(version_id=version_id)
