"""A society's names in other languages move from `names` ({language: name}) to `translations`
({language: {"name": name}}), the shape of every translated text (core.translations)."""

from django.db import migrations, models


def to_translations(apps, schema_editor):
    NationalSociety = apps.get_model("core", "NationalSociety")
    for society in NationalSociety.objects.exclude(names={}):
        society.translations = {
            language: {"name": name} for language, name in society.names.items() if name
        }
        society.save(update_fields=["translations"])


def to_names(apps, schema_editor):
    NationalSociety = apps.get_model("core", "NationalSociety")
    for society in NationalSociety.objects.exclude(translations={}):
        society.names = {
            language: texts["name"]
            for language, texts in society.translations.items()
            if texts.get("name")
        }
        society.save(update_fields=["names"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_notifications"),
    ]

    operations = [
        migrations.AddField(
            model_name="nationalsociety",
            name="translations",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text='The name in French, Spanish and Arabic, e.g. {"fr": {"name": "Croix-Rouge française"}}; pages in a language without one show the English name.',
                verbose_name="names in other languages",
            ),
        ),
        migrations.RunPython(to_translations, to_names),
        migrations.RemoveField(model_name="nationalsociety", name="names"),
    ]
