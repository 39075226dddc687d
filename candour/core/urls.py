from django.urls import path

from candour.core import views

app_name = "core"

urlpatterns = [
    path("", views.start, name="start"),
    path("home/", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("organisation/<slug:slug>/", views.organisation, name="organisation"),
    path("organisation/<slug:slug>/teams/add/", views.add_team, name="add-team"),
    path("organisation/<slug:slug>/safety-lead/", views.safety_lead, name="safety-lead"),
    path("organisation/<slug:slug>/language/", views.default_language, name="default-language"),
    path(
        "organisation/<slug:slug>/case-numbers/",
        views.case_reference_patterns,
        name="case-reference-patterns",
    ),
]
