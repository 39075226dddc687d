from django.urls import path

from candour.learning import factor_views, views
from candour.learning.exports import views as export_views
from candour.learning.library import views as library_views
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
    path("learning/exports/", export_views.exports, name="exports"),
    path(
        "learning/exports/<slug:table>.<slug:file_format>",
        export_views.export,
        name="export",
    ),
    path("learning/themes/", theme_views.theme_list, name="themes"),
    path("learning/themes/find/", theme_views.find_themes, name="themes-find"),
    path("learning/themes/new/", theme_views.theme_new, name="theme-new"),
    path("learning/themes/<int:pk>/", theme_views.theme_detail, name="theme"),
    path("learning/themes/<int:pk>/edit/", theme_views.theme_edit, name="theme-edit"),
    path("learning/themes/<int:pk>/status/", theme_views.theme_status, name="theme-status"),
    path("learning/themes/<int:pk>/merge/", theme_views.theme_merge, name="theme-merge"),
    path("learning/themes/<int:pk>/split/", theme_views.theme_split, name="theme-split"),
    path(
        "learning/themes/<int:pk>/feedback-themes/",
        theme_views.theme_feedback_themes,
        name="theme-feedback-themes",
    ),
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
    path("lessons/<int:pk>/open/", library_views.lesson_open, name="lesson-open"),
    path("lessons/<int:pk>/open/withdraw/", library_views.lesson_withdraw, name="lesson-withdraw"),
    # The open lessons library: public, no account (ADR 0033).
    path("library/", library_views.library, name="library"),
    # A human factor's own page, to follow it (issue 23).
    path("factors/<str:key>/", factor_views.factor, name="factor"),
    path("library/<int:pk>/", library_views.library_lesson, name="library-lesson"),
    path("library/bulletins/<int:pk>/", library_views.library_bulletin, name="library-bulletin"),
    path("library/feed.atom", library_views.library_feed, name="library-feed"),
    path("library/data.csv", library_views.library_csv, name="library-csv"),
    path("library/data.json", library_views.library_json, name="library-json"),
    path(
        "library/bulletins.csv",
        library_views.library_bulletins_csv,
        name="library-bulletins-csv",
    ),
    path("lessons/bulletins/new/", views.bulletin_new, name="bulletin-new"),
    path("lessons/bulletins/<int:pk>/", views.bulletin, name="bulletin"),
    path("lessons/bulletins/<int:pk>/pdf/", views.bulletin_pdf, name="bulletin-pdf"),
    path("lessons/bulletins/<int:pk>/open/", library_views.bulletin_open, name="bulletin-open"),
    path(
        "lessons/bulletins/<int:pk>/open/withdraw/",
        library_views.bulletin_withdraw,
        name="bulletin-withdraw",
    ),
    path("national/", national_views.search, name="national-search"),
    path("national/reports/<str:reference>/", national_views.report, name="national-report"),
]
