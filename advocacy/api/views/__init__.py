"""Guidelines, their versions, sections, parameters and translations, and societies'
adaptations over the API.

Every lookup starts from the models' visible_to(user) (what one may not see is a 404) and
every write calls advocacy.services, so the API refuses what the pages refuse, with the same
messages: a published version cannot be edited here either."""
