from django.urls import include, path

from candour.api import views
from candour.api.api import api

# The pages have the app's namespace; django-ninja's URLs keep their own ("api-v1"),
# which it needs at the top level to find its root when writing the OpenAPI document.
pages = [
    path("api/", views.api_home, name="home"),
    path("account/api-tokens/", views.api_tokens, name="tokens"),
    path("account/api-tokens/<int:token_id>/revoke/", views.revoke_api_token, name="revoke"),
]

urlpatterns = [
    path("api/v1/", api.urls),
    path("", include((pages, "api"))),
]
