from django.urls import path

from candour.learning import views

app_name = "learning"

urlpatterns = [
    path("learning/reports/<str:reference>/coding/", views.code_report, name="code-report"),
    path("learning/agreement/", views.agreement, name="agreement"),
]
