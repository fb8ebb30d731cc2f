from rest_framework.routers import SimpleRouter

from networks.api.views import responses as views

router = SimpleRouter()
router.register("responses", views.ResponseViewSet, basename="response")

urlpatterns = router.urls
