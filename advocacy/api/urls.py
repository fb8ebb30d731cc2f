from django.urls import path
from rest_framework.routers import SimpleRouter

from advocacy.api.views import adaptations, guidelines

router = SimpleRouter()
router.register("guidelines", guidelines.GuidelineViewSet, basename="guideline")
router.register("adaptations", adaptations.AdaptationViewSet, basename="adaptation")

urlpatterns = [
    path(
        "adaptations/grid/<slug:guideline>/",
        adaptations.AdaptationGridView.as_view(),
        name="adaptation-grid",
    ),
    *router.urls,
]
