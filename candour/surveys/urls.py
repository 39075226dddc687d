from django.urls import path

from candour.surveys import views

app_name = "surveys"

urlpatterns = [
    path("surveys/", views.waves, name="waves"),
    path("surveys/new/", views.open_wave, name="open"),
    path("surveys/benchmark/", views.benchmark_view, name="benchmark"),
    path("surveys/<int:pk>/", views.wave_detail, name="wave"),
    path("surveys/<int:pk>/remind/", views.remind, name="remind"),
    path("surveys/<int:pk>/close/", views.close, name="close"),
    path("surveys/<int:pk>/results/", views.results, name="results"),
    path("surveys/<int:pk>/results.csv", views.results_csv, name="results-csv"),
    # Before survey/<token>/, which would otherwise take "thank-you" for a token.
    path("survey/thank-you/", views.thanks, name="thanks"),
    path("survey/<str:token>/", views.answer, name="answer"),
]
