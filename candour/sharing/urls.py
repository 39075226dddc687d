from django.urls import path

from candour.sharing import views
from candour.sharing.admin import views as admin_views
from candour.sharing.oversight import views as oversight_views
from candour.sharing.reconciliation import views as reconciliation_views

app_name = "sharing"

urlpatterns = [
    path("sharing/", views.start, name="start"),
    path("sharing/flags/", views.flags, name="flags"),
    path("sharing/flags/new/", views.new_flag, name="new-flag"),
    path("sharing/flags/import/", views.import_flags, name="import"),
    path("sharing/flags/<int:pk>/", views.flag_detail, name="flag"),
    path("sharing/flags/<int:pk>/end/", views.end_flag, name="end-flag"),
    path("sharing/flags/<int:pk>/birth/", views.record_birth, name="record-birth"),
    path("sharing/flags/reconcile/", reconciliation_views.reconcile, name="reconcile"),
    path(
        "sharing/access-report/setting/",
        oversight_views.setting_access_report,
        name="setting-access-report",
    ),
    path(
        "sharing/access-report/authority/",
        oversight_views.authority_access_report,
        name="authority-access-report",
    ),
    path("sharing/lookup/", views.lookup, name="lookup"),
    path("sharing/lookup/answer/", views.lookup_answer, name="lookup-answer"),
    path("sharing/lookups/", views.lookups, name="lookups"),
    path("sharing/settings/", admin_views.settings_page, name="settings"),
    path("sharing/keys/", admin_views.keys_page, name="keys"),
    path("sharing/keys/<int:pk>/revoke/", admin_views.revoke_key, name="revoke-key"),
]
