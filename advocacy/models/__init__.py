"""Global advocacy guidelines, their versions and translations, and societies' adaptations."""
