"""The API of cross-national responses, its serializers and views (the networks API is
networks.api.serializers and networks.api.views)."""
