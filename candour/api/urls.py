from django.urls import include, path

from candour.api import views
from candour.api.api import api
from candour.api.fhir import views as fhir_views

# The pages have the app's namespace; django-ninja's URLs keep their own ("api-v1"),
# which it needs at the top level to find its root when writing the OpenAPI document.
pages = [
    path("api/", views.api_home, name="home"),
    path("account/api-tokens/", views.api_tokens, name="tokens"),
    path("account/api-tokens/<int:token_id>/revoke/", views.revoke_api_token, name="revoke"),
]

# FHIR R4 for NHS systems (ADR 0025): the same lookups as /api/v1/sharing/lookups.
fhir = [
    path("metadata", fhir_views.metadata, name="metadata"),
    path("Flag/_search", fhir_views.flag_search, name="flag-search"),
    path("Flag", fhir_views.flag_search, name="flag"),
]

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/fhir/R4/", include((fhir, "fhir"))),
    path("", include((pages, "api"))),
]
