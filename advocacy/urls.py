app_name = "advocacy"

urlpatterns = []
