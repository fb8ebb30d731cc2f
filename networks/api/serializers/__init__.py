"""The API's serializers, one module per part (networks, routes and offers, responses)."""
