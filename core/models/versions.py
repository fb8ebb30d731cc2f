"""The data version of each table that declares one (core.versions): written by its triggers
only, read by core.versions.current."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    name = models.CharField(_("table"), max_length=63, primary_key=True)
    version = models.BigIntegerField(_("version"))

    class Meta:
        verbose_name = _("data version")
        verbose_name_plural = _("data versions")

    def __str__(self):
        return f"{self.name} {self.version}"
