"""URLs under /accounts/: allauth's sign-in pages, your account, organisations and your data."""

from django.urls import include, path

from accounts.views import (
    account_home,
    invitations,
    join_requests,
    organisations,
    personal_data,
    profile,
    sign_in,
)

urlpatterns = [
    # These two replace allauth's own views at the same addresses (see accounts/views/sign_in.py).
    path("login/", sign_in.SignInView.as_view(), name="account_login"),
    path("2fa/authenticate/", sign_in.MFAAuthenticateView.as_view(), name="mfa_authenticate"),
    path("", account_home.account_home, name="account_home"),
    path("profile/", profile.profile, name="account_profile"),
    path("profile/details/", profile.profile_edit, name="account_profile_edit"),
    path("data/", personal_data.data_download, name="account_data"),
    path("delete/", personal_data.account_delete, name="account_delete"),
    path("organisation/", organisations.organisation_list, name="organisation_list"),
    path("organisation/new/", organisations.organisation_new, name="organisation_create"),
    path("organisation/join/", join_requests.join_request_create, name="joinrequest_create"),
    path(
        "organisation/<slug:slug>/", organisations.organisation_detail, name="organisation_detail"
    ),
    path(
        "organisation/<slug:slug>/invite/",
        organisations.invitation_create,
        name="organisation_invite",
    ),
    path(
        "organisation/<slug:slug>/invitations/<int:pk>/cancel/",
        organisations.invitation_withdraw,
        name="organisation_invitation_cancel",
    ),
    path(
        "organisation/<slug:slug>/members/<int:pk>/role/",
        organisations.membership_role,
        name="organisation_member_role",
    ),
    path(
        "organisation/<slug:slug>/members/<int:pk>/remove/",
        organisations.membership_delete,
        name="organisation_member_remove",
    ),
    path(
        "organisation/<slug:slug>/join-requests/<int:pk>/approve/",
        join_requests.approve,
        name="joinrequest_approve",
    ),
    path(
        "organisation/<slug:slug>/join-requests/<int:pk>/refuse/",
        join_requests.refuse,
        name="joinrequest_refuse",
    ),
    path(
        "invitations/received/<int:pk>/",
        invitations.invitation_received,
        name="invitation_received",
    ),
    path("invitations/<str:token>/", invitations.invitation_respond, name="invitation_accept"),
    # Reauthentication by an emailed code is not offered: it would let a mailbox stand in for
    # the password or security code. These answer 404, as pages that do not exist.
    path(
        "reauthenticate/code/",
        sign_in.not_offered,
        name="account_request_reauthentication_code",
    ),
    path(
        "reauthenticate/code/confirm/",
        sign_in.not_offered,
        name="account_confirm_reauthentication_code",
    ),
    path("", include("allauth.account.urls")),
    path("2fa/", include("allauth.mfa.urls")),
]
