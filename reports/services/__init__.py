"""Every write to indicators, periods, submissions, reports and calls goes through these
functions (pages, API, commands, tasks), one module per aggregate.

Each takes keyword-only arguments, checks permission (raising PermissionDenied), validates
(raising ValidationError with field errors), runs in a transaction, labels the history entry
with the actor and the action, and queues its follow-up work after commit. Callers write
`from reports import services` and `services.<name>`.
"""

from reports.services.calls import (
    CALL_FILTERS,
    create_call,
    link_practice,
    unlink_practice,
)
from reports.services.indicators import (
    save_indicator,
    save_period,
)
from reports.services.reports import (
    PROGRESS_INTERVAL_SECONDS,
    clean_report_request,
    compile_closed_periods,
    compile_report,
    compile_weekly_overview,
    fingerprint,
    publish_report,
    request_report,
    unpublish_report,
)
from reports.services.submissions import (
    CSV_COLUMNS,
    CSV_GROUP_COLUMNS,
    CSV_MAX_BYTES,
    CSVImportError,
    clean_values,
    import_values_csv,
    return_submission,
    save_values,
    start_submission,
    submit_submission,
    validate_submission,
)

__all__ = [
    "CALL_FILTERS",
    "CSV_COLUMNS",
    "CSV_GROUP_COLUMNS",
    "CSV_MAX_BYTES",
    "PROGRESS_INTERVAL_SECONDS",
    "CSVImportError",
    "clean_report_request",
    "clean_values",
    "compile_closed_periods",
    "compile_report",
    "compile_weekly_overview",
    "create_call",
    "fingerprint",
    "import_values_csv",
    "link_practice",
    "publish_report",
    "request_report",
    "return_submission",
    "save_indicator",
    "save_period",
    "save_values",
    "start_submission",
    "submit_submission",
    "unlink_practice",
    "unpublish_report",
    "validate_submission",
]
