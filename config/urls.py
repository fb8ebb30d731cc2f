from allauth.account.decorators import secure_admin_login
from csp import constants as csp_constants
from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from advocacy.api import urls as advocacy_api
from core import views as core_views
from core.api import urls as core_api
from networks.api import urls as networks_api
from practices.api import urls as practices_api
from reports.api import urls as reports_api

# One namespace for the whole API; each app owns its routes.
api_v1 = [
    *practices_api.urlpatterns,
    *networks_api.urlpatterns,
    *advocacy_api.urlpatterns,
    *reports_api.urlpatterns,
    *core_api.urlpatterns,
]

# The admin has no login of its own: it sends people to the site's login, with its second
# factor and rate limits.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", include("core.urls")),
    path("practices/", include("practices.urls")),
    # networks/, routes/, offers/, responses/
    path("", include("networks.urls")),
    path("advocacy/", include("advocacy.urls")),
    path("reports/", include("reports.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include((api_v1, "api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI's start script is served apart from the page, so no inline script is needed.
    path(
        "api/docs/",
        # Swagger UI's stylesheet draws its icons as data: images; the policy allows no more.
        csp_update({"img-src": [csp_constants.SELF, "data:"]})(
            SpectacularSwaggerSplitView.as_view(
                url_name="api-schema", template_name="core/api_docs.html"
            )
        ),
        name="api-docs",
    ),
    # Unknown API addresses answer JSON for every method, even with DEBUG on (handler404 only
    # runs with it off).
    re_path(r"^api/", core_views.api_not_found),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.page_not_found"
handler500 = "core.views.server_error"

# No route serves MEDIA_ROOT, even with DEBUG on: an attachment is only ever sent by the view
# that checks who may see its practice (practices.views.attachment_download).
