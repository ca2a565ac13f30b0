app_name = "context"

urlpatterns: list = []
