"""Logging filters named in settings.LOGGING."""

import logging


class ClientErrorsInOneLine(logging.Filter):
    """A 403 or 404 is an ordinary answer, not a fault of the site: its record keeps its one
    line ("Forbidden (Permission denied): /path") and drops the traceback Django attaches to a
    refused request. Server errors (5xx) keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if 400 <= getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
