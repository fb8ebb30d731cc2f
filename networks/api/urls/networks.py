from rest_framework.routers import SimpleRouter

from networks.api import views

router = SimpleRouter()
router.register("networks", views.NetworkViewSet, basename="network")
router.register(
    r"networks/(?P<network_slug>[-a-zA-Z0-9_]+)/requests",
    views.NetworkRequestViewSet,
    basename="network-request",
)

urlpatterns = router.urls
