"""The call announcements' own ledger (`announced_to`, the ids of the focal points emailed)
becomes core's: one sent notification per person and call, under the key the announcement
uses now (reports.notifications.announcement_key), so announcing an old call again emails
nobody twice. Then the column goes."""

from django.conf import settings
from django.db import migrations


def copy_ledger_to_notifications(apps, schema_editor):
    CallForPractices = apps.get_model("reports", "CallForPractices")
    Notification = apps.get_model("core", "Notification")
    User = apps.get_model("core", "User")
    rows = []
    for call in CallForPractices.objects.exclude(announced_to=[]):
        for user_id in User.objects.filter(pk__in=call.announced_to).values_list("pk", flat=True):
            rows.append(
                Notification(
                    recipient_id=user_id,
                    kind="call-announced",
                    key=f"call-announced:{call.pk}",
                    subject=f"Call for practices: {call.title}"[:300],
                    url=f"{settings.SITE_URL}/reports/calls/{call.pk}/",
                    created_at=call.created_at,
                    sent_at=call.created_at,
                    email_state="sent",
                    attempts=1,
                )
            )
    Notification.objects.bulk_create(rows, ignore_conflicts=True)


def copy_notifications_to_ledger(apps, schema_editor):
    CallForPractices = apps.get_model("reports", "CallForPractices")
    Notification = apps.get_model("core", "Notification")
    for call in CallForPractices.objects.all():
        call.announced_to = list(
            Notification.objects.filter(key=f"call-announced:{call.pk}", email_state="sent")
            .order_by("recipient_id")
            .values_list("recipient_id", flat=True)
        )
        call.save(update_fields=["announced_to"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_notifications"),
        ("reports", "0002_call_announced_to"),
    ]

    operations = [
        migrations.RunPython(copy_ledger_to_notifications, copy_notifications_to_ledger),
        migrations.RemoveField(model_name="callforpractices", name="announced_to"),
    ]
