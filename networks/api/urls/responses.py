from rest_framework.routers import SimpleRouter

from networks.api.responses import views

router = SimpleRouter()
router.register("responses", views.ResponseViewSet, basename="response")

urlpatterns = router.urls
