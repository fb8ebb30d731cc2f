# Django has no Arabic date-and-time format and falls back to the English one ("ديسمبر 1, 2026,
# 4:28 م"): a date and time here read as the site's dates do (Django's DATE_FORMAT "j F، Y").
# Everything not set here comes from Django's Arabic formats.
DATETIME_FORMAT = "j F، Y، g:i A"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y g:i A"
