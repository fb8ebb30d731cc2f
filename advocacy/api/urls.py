from django.urls import path
from rest_framework.routers import SimpleRouter

from advocacy.api import adaptation_views, views

router = SimpleRouter()
router.register("guidelines", views.GuidelineViewSet, basename="guideline")
router.register("adaptations", adaptation_views.AdaptationViewSet, basename="adaptation")

urlpatterns = [
    path(
        "adaptations/grid/<slug:guideline>/",
        adaptation_views.AdaptationGridView.as_view(),
        name="adaptation-grid",
    ),
    *router.urls,
]
