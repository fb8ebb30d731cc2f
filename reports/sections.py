"""What the reports app adds to core's home page (see core.sections): open calls for practices."""

from reports.models import CallForPractices


def home(request):
    calls = list(CallForPractices.objects.open().order_by("deadline", "id"))
    if not calls:
        return None
    return "reports/includes/home_calls.html", {"calls": calls}
