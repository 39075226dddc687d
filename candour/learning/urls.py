from django.urls import path

from candour.learning import views
from candour.learning.national import views as national_views
from candour.learning.themes import views as theme_views

app_name = "learning"

urlpatterns = [
    path("learning/reports/<str:reference>/coding/", views.code_report, name="code-report"),
    path(
        "learning/reports/<str:reference>/coding/outcome/",
        views.code_outcome,
        name="code-outcome",
    ),
    path(
        "learning/reports/<str:reference>/lesson-or-alert/",
        views.lesson_or_alert,
        name="lesson-or-alert",
    ),
    path(
        "learning/reports/<str:reference>/coding/suggestions/",
        views.decide_suggestion,
        name="decide-suggestion",
    ),
    path("learning/suggestions/", views.suggestions, name="suggestions"),
    path("learning/agreement/", views.agreement, name="agreement"),
    path("learning/taxonomy/local-codes/", views.local_codes, name="local-codes"),
    path("learning/reports/<str:reference>/just-culture/", views.just_culture, name="just-culture"),
    path("learning/reports/<str:reference>/alert/", views.raise_alert, name="raise-alert"),
    path("alerts/", views.alerts, name="alerts"),
    path("learning/dashboard/", views.dashboard, name="dashboard"),
    path("learning/themes/", theme_views.theme_list, name="themes"),
    path("learning/themes/find/", theme_views.find_themes, name="themes-find"),
    path("learning/themes/new/", theme_views.theme_new, name="theme-new"),
    path("learning/themes/<int:pk>/", theme_views.theme_detail, name="theme"),
    path("learning/themes/<int:pk>/edit/", theme_views.theme_edit, name="theme-edit"),
    path("learning/themes/<int:pk>/status/", theme_views.theme_status, name="theme-status"),
    path("learning/themes/<int:pk>/merge/", theme_views.theme_merge, name="theme-merge"),
    path("learning/themes/<int:pk>/split/", theme_views.theme_split, name="theme-split"),
    path(
        "learning/themes/<int:pk>/reports/",
        theme_views.theme_reports_change,
        name="theme-reports",
    ),
    path("alerts/<int:pk>/", views.alert, name="alert"),
    path("lessons/", views.lessons, name="lessons"),
    path("lessons/new/", views.lesson_edit, name="lesson-new"),
    path("lessons/<int:pk>/", views.lesson, name="lesson"),
    path("lessons/<int:pk>/edit/", views.lesson_edit, name="lesson-edit"),
    path("lessons/<int:pk>/publish/", views.lesson_publish, name="lesson-publish"),
    path("lessons/bulletins/new/", views.bulletin_new, name="bulletin-new"),
    path("lessons/bulletins/<int:pk>/", views.bulletin, name="bulletin"),
    path("lessons/bulletins/<int:pk>/pdf/", views.bulletin_pdf, name="bulletin-pdf"),
    path("national/", national_views.search, name="national-search"),
    path("national/reports/<str:reference>/", national_views.report, name="national-report"),
]
