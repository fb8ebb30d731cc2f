"""Every write of the networks app goes through these modules, one per part (networks,
routes and offers, responses): keyword-only arguments, a permission check, a transaction, a
pghistory context, notifications through core.notifications."""
