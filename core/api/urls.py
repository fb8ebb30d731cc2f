from django.urls import include, path
from rest_framework.routers import DefaultRouter

from core.api import views

app_name = "api"

router = DefaultRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("countries", views.CountryViewSet, basename="country")
router.register("societies", views.SocietyViewSet, basename="society")

urlpatterns = [
    path("taxonomy/", views.TaxonomyView.as_view(), name="taxonomy"),
    path("me/", views.MeView.as_view(), name="me"),
    path("", include(router.urls)),
]
