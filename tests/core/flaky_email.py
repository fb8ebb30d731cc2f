"""An email backend that fails as a mail server does, then delivers as locmem does."""

from django.core.mail.backends.locmem import EmailBackend


class FlakyBackend(EmailBackend):
    """Refuses the next `failures` messages with a dropped connection (an OSError, as
    smtplib's are), then delivers into django.core.mail.outbox."""

    failures = 0

    def send_messages(self, messages):
        if FlakyBackend.failures > 0:
            FlakyBackend.failures -= 1
            raise ConnectionResetError("the mail server hung up")
        return super().send_messages(messages)
