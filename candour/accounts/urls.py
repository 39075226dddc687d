from django.urls import path

from candour.accounts import views
from candour.accounts.providers import views as provider_views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("sign-in/organisation/", provider_views.organisation_sign_in, name="provider-sign-in"),
    path(
        "sign-in/organisation/continue/",
        provider_views.start_provider_sign_in,
        name="provider-start",
    ),
    path(
        "sign-in/organisation/return/", provider_views.provider_callback, name="provider-callback"
    ),
    path("two-factor/set-up/", views.two_factor_setup, name="two-factor-setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two-factor-verify"),
    path("account/", views.account, name="account"),
    path("account/sign-out-everywhere/", views.sign_out_everywhere, name="sign-out-everywhere"),
    path("organisation/<slug:slug>/people/add/", views.add_person, name="add-person"),
    path(
        "organisation/<slug:slug>/people/<int:person_id>/roles/add/",
        views.grant_role,
        name="grant-role",
    ),
    path(
        "organisation/<slug:slug>/sign-in-provider/",
        provider_views.identity_provider,
        name="identity-provider",
    ),
    path(
        "organisation/<slug:slug>/sign-in-provider/test/",
        provider_views.test_identity_provider,
        name="identity-provider-test",
    ),
    path(
        "organisation/<slug:slug>/roles/<int:membership_id>/remove/",
        views.revoke_role,
        name="revoke-role",
    ),
]
