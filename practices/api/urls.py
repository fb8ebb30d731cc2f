from rest_framework.routers import SimpleRouter

from practices.api import views

router = SimpleRouter()
router.register("practices", views.PracticeViewSet, basename="practice")

urlpatterns = router.urls
