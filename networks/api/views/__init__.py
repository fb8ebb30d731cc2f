"""The API's views, one module per part (networks, routes and offers, responses)."""
