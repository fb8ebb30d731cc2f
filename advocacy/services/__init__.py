"""Every write to advocacy goes through these modules (pages, API, admin, commands): guidelines
and their versions, translations, adaptations.

Each function takes keyword-only arguments, checks permission against the querysets' rule and
each workflow step against advocacy.workflow (PermissionDenied; ValidationError on `status`
for a step the object cannot take from where it stands), validates (ValidationError with field
errors), runs in a transaction, labels the history entry with the actor and the action, and
queues follow-up work after commit."""
