from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.caches, deploy=True)
def shared_cache_check(app_configs, **kwargs):
    """Rate limits only hold when every web process counts in the same cache."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend.endswith("LocMemCache"):
        return [
            Warning(
                "The cache is private to each process, so rate limits do not hold across "
                "processes.",
                hint="Set REDIS_URL.",
                id="core.W001",
            )
        ]
    return []
