"""Thin tasks: they call a service and own the retry policy; safe to run twice."""

from celery import shared_task

from networks.services import offers


@shared_task(name="networks.remind_stale_offers")
def remind_stale_offers() -> int:
    """Beat runs it daily: the focal points of stale offers' societies get one reminder per
    lapse (a second run, or a redelivery, reminds nobody twice)."""
    return offers.remind_stale_offers()
