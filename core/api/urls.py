"""Core API routes; config/urls.py gathers every app's routes under the "api" namespace."""

from django.urls import include, path
from rest_framework.routers import DefaultRouter

from core.api import views

router = DefaultRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("countries", views.CountryViewSet, basename="country")
router.register("societies", views.SocietyViewSet, basename="society")

urlpatterns = [
    path("taxonomy/", views.TaxonomyView.as_view(), name="taxonomy"),
    path("me/", views.MeView.as_view(), name="me"),
    path("", include(router.urls)),
]
