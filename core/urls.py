from django.urls import path

from core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("societies/", views.society_list, name="society_list"),
    path("societies/<slug:slug>/", views.society_detail, name="society_detail"),
    path("societies/<slug:slug>/edit/", views.society_edit, name="society_edit"),
    path("regions/<slug:code>/", views.region_detail, name="region_detail"),
    path("profile/", views.profile, name="profile"),
    path("profile/memberships/<int:pk>/decide/", views.membership_decide, name="membership_decide"),
    path("profile/tokens/", views.token_create, name="token_create"),
    path("profile/tokens/<str:token_key>/renew/", views.token_renew, name="token_renew"),
    path("profile/tokens/<str:token_key>/revoke/", views.token_revoke, name="token_revoke"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notifications_mark_all_read, name="notifications_read"),
    path("notifications/<int:pk>/read/", views.notification_mark_read, name="notification_read"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
