from django.urls import path

from candour.workforce.entry import views as entry_views
from candour.workforce.health import views as health_views
from candour.workforce.imports import views as import_views

app_name = "workforce"

urlpatterns = [
    path("health/", health_views.overview, name="health"),
    path("health/trends/", health_views.trends, name="health-trends"),
    path("health/workforce/", health_views.workforce, name="health-workforce"),
    path("health/absence/", health_views.absence, name="health-absence"),
    path("health/demand/", health_views.demand, name="health-demand"),
    path("health/thresholds/", health_views.thresholds, name="health-thresholds"),
    path("health/dfe-area/", health_views.dfe_area, name="health-dfe-area"),
    path("health/events/", health_views.events, name="health-events"),
    path("health/events/<int:pk>/delete/", health_views.delete_event, name="health-delete-event"),
    path(
        "organisation/<slug:slug>/workforce/imports/",
        import_views.imports_page,
        name="imports",
    ),
    path(
        "organisation/<slug:slug>/workforce/imports/<int:pk>/undo/",
        import_views.undo,
        name="undo-import",
    ),
    path(
        "organisation/<slug:slug>/workforce/add/<slug:kind>/",
        entry_views.add_row,
        name="add-row",
    ),
]
