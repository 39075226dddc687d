from django.urls import path

from candour.reporting import views
from candour.reporting.assisted import views as assisted
from candour.reporting.journey import views as journey

app_name = "reporting"

urlpatterns = [
    path("report/", views.start, name="start"),
    path("report/new/", journey.begin, name="new"),
    path("report/new/check/", journey.check, name="check"),
    path("report/new/delete/", journey.delete, name="delete"),
    path("report/new/<slug:slug>/", journey.step, name="step"),
    path("report/paper-form.pdf", assisted.paper_form, name="paper-form"),
    path("paper-and-phone/", assisted.hub, name="assisted"),
    path("organisation/<slug:slug>/paper-and-phone/report/", assisted.enter, name="enter-report"),
    path("report/follow-up/", views.follow_up, name="follow-up"),
    path("report/follow-up/your-report/", views.your_report, name="your-report"),
    path("report/follow-up/leave/", views.leave_follow_up, name="leave-follow-up"),
    path("report/follow-up/alert/<int:pk>/", views.alert_consent, name="alert-consent"),
    path("learning/reports/", views.queue, name="queue"),
    path("learning/reports/<str:reference>/", views.learning_detail, name="learning-detail"),
    path(
        "learning/reports/<str:reference>/redactions/",
        views.review_redactions,
        name="review-redactions",
    ),
    path("learning/reports/<str:reference>/ask/", views.ask, name="ask"),
    path("learning/reports/<str:reference>/update/", views.update, name="update"),
    path("learning/reports/<str:reference>/close/", views.close, name="close"),
    path("reports/", views.reports, name="reports"),
    path("reports/<str:reference>/", views.report_detail, name="report-detail"),
]
