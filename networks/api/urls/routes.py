from rest_framework.routers import SimpleRouter

from networks.api import route_views as views

router = SimpleRouter()
router.register("routes", views.RouteViewSet, basename="route")
router.register("offers", views.OfferViewSet, basename="offer")

urlpatterns = router.urls
