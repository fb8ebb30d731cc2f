"""The app's pages, one module per part (networks, routes and offers, responses)."""
