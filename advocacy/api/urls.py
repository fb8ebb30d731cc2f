from rest_framework.routers import SimpleRouter

from advocacy.api import views

router = SimpleRouter()
router.register("guidelines", views.GuidelineViewSet, basename="guideline")

urlpatterns = router.urls
