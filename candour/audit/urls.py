from django.urls import path

from candour.audit import views

app_name = "audit"

urlpatterns = [
    path("organisation/<slug:slug>/audit/", views.organisation_audit, name="organisation-audit"),
]
