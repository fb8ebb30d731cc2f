"""The guideline pages, one module per part: guidelines, versions, translations, societies'
adaptations, and the grids with endorsements. Every lookup starts from the models'
visible_to(user) (advocacy.views.lookups), so what a user may not see is a 404; every write goes
through advocacy.services."""
