from django.urls import include, path

urlpatterns = [
    path("", include("candour.core.urls")),
    path("", include("candour.accounts.urls")),
    path("", include("candour.audit.urls")),
    path("", include("candour.learning.urls")),
    path("", include("candour.reporting.urls")),
    path("", include("candour.ideas.urls")),
    path("", include("candour.voice.urls")),
    path("", include("candour.workforce.urls")),
    path("", include("candour.surveys.urls")),
    path("", include("candour.sharing.urls")),
    path("", include("candour.subscriptions.urls")),
    path("", include("candour.notifications.urls")),
    path("", include("candour.api.urls")),
]

handler400 = "candour.core.views.bad_request"
handler403 = "candour.core.views.permission_denied"
handler404 = "candour.core.views.page_not_found"
handler500 = "candour.core.views.server_error"
