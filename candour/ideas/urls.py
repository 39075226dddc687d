from django.urls import path

from candour.ideas import views
from candour.ideas.measures import views as measure_views

app_name = "ideas"

urlpatterns = [
    path("ideas/", views.idea_board, name="board"),
    path("ideas/new/", views.new_idea, name="new"),
    path("ideas/similar/", views.similar_json, name="similar"),
    path("ideas/bottlenecks/", views.bottleneck_view, name="bottlenecks"),
    path("ideas/measures/", measure_views.measures, name="measures"),
    path("ideas/changed/", measure_views.what_we_changed, name="changed"),
    path("ideas/export.<slug:file_format>", views.export, name="export"),
    path("ideas/<int:pk>/", views.idea_detail, name="idea"),
    path("ideas/<int:pk>/<slug:action>/", views.idea_action, name="action"),
    path(
        "organisations/<slug:slug>/idea-response-time/",
        views.response_standard,
        name="response-standard",
    ),
]
