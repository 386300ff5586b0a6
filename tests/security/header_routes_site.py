"""The header tests' ROUTES entries outside the admin: public, account, Movement and PINE
pages."""

from django.urls import reverse
from django.utils import timezone

from tests.security.header_visits import (
    ANONYMOUS,
    APPLICANT,
    INVITATION_TOKEN,
    PASSWORDLESS,
    SIGNING_IN,
    TWO_FACTOR,
    Visit,
    download,
    other,
    page,
    post_only,
)

# Public CSV exports and the data package hold open data only (published interventions,
# ratings and studies), so caching them is allowed; every stored file and every export of
# PINE data must never be stored.
SITE_ROUTES: dict[str, list[Visit]] = {
    # Project-wide pages
    "home": [page(ANONYMOUS, lambda w: "/")],
    "accessibility": [page(ANONYMOUS, lambda w: reverse("accessibility"))],
    "privacy": [page(ANONYMOUS, lambda w: reverse("privacy"))],
    "cookies": [page(ANONYMOUS, lambda w: reverse("cookies"))],
    "healthz": [
        other(ANONYMOUS, lambda w: "/healthz", "plain-text health check", content_type="text/plain")
    ],
    # Evidence store
    "evidence_store:intervention_list": [page(ANONYMOUS, lambda w: "/evidence/?q=family")],
    "evidence_store:compare": [
        page(
            ANONYMOUS,
            lambda w: f"/evidence/compare/?i={w.intervention.slug}&i={w.other_intervention.slug}",
        )
    ],
    "evidence_store:compare_csv": [
        download(
            ANONYMOUS,
            lambda w: (
                "/evidence/compare/comparison.csv"
                f"?i={w.intervention.slug}&i={w.other_intervention.slug}"
            ),
        )
    ],
    "evidence_store:ratings_guide": [page(ANONYMOUS, lambda w: "/evidence/ratings/")],
    "evidence_store:data_dictionary": [page(ANONYMOUS, lambda w: "/evidence/data/")],
    "evidence_store:datapackage": [
        other(
            ANONYMOUS,
            lambda w: "/evidence/export/datapackage.json",
            "the open data's description, as JSON",
            content_type="application/json",
        )
    ],
    "evidence_store:export": [
        download(ANONYMOUS, lambda w: "/evidence/export/interventions.csv", no_store=False)
    ],
    "evidence_store:gap_map": [
        page(ANONYMOUS, lambda w: "/evidence/gap-map/"),
        page(ANONYMOUS, lambda w: "/evidence/gap-map/?view=topic&topic=nope"),
    ],
    "evidence_store:gap_matrix_csv": [
        download(ANONYMOUS, lambda w: "/evidence/gap-map/matrix.csv", no_store=False)
    ],
    "evidence_store:gaps_csv": [
        download(ANONYMOUS, lambda w: "/evidence/gap-map/gaps.csv", no_store=False)
    ],
    "evidence_store:intervention_detail": [
        page(ANONYMOUS, lambda w: w.intervention.get_absolute_url())
    ],
    "evidence_store:intervention_as_of": [
        page(
            ANONYMOUS,
            lambda w: f"/evidence/{w.intervention.slug}/as-of/{timezone.localdate().isoformat()}/",
        ),
        page(ANONYMOUS, lambda w: f"/evidence/{w.intervention.slug}/as-of/2000-01-01/", status=404),
    ],
    "evidence_store:resource_file": [
        download(ANONYMOUS, lambda w: f"/evidence/{w.intervention.slug}/resources/{w.resource.pk}/")
    ],
    # Sign-in and account pages
    "account_login": [page(ANONYMOUS, lambda w: "/accounts/login/")],
    "mfa_authenticate": [page(SIGNING_IN, lambda w: "/accounts/2fa/authenticate/")],
    "account_home": [page(APPLICANT, lambda w: "/accounts/")],
    "account_profile": [page(APPLICANT, lambda w: "/accounts/profile/")],
    "account_profile_edit": [page(APPLICANT, lambda w: "/accounts/profile/details/")],
    "account_data": [download(APPLICANT, lambda w: "/accounts/data/")],
    "account_delete": [page(APPLICANT, lambda w: "/accounts/delete/")],
    # Someone in one organisation is taken straight to it; the list is for everyone else.
    "organisation_list": [page(TWO_FACTOR, lambda w: "/accounts/organisation/")],
    "organisation_create": [
        page(APPLICANT, lambda w: "/accounts/organisation/new/"),
        page(APPLICANT, lambda w: "/accounts/organisation/new/?next=/pine/applications/"),
    ],
    "joinrequest_create": [
        page(APPLICANT, lambda w: "/accounts/organisation/join/"),
        page(APPLICANT, lambda w: "/accounts/organisation/join/?name=Borough"),
    ],
    # GET is refused before the request is looked up, so no request need exist.
    "joinrequest_approve": [
        post_only(
            APPLICANT,
            lambda w: f"/accounts/organisation/{w.organisation.slug}/join-requests/1/approve/",
        )
    ],
    "joinrequest_refuse": [
        post_only(
            APPLICANT,
            lambda w: f"/accounts/organisation/{w.organisation.slug}/join-requests/1/refuse/",
        )
    ],
    "organisation_detail": [page(APPLICANT, lambda w: w.organisation.get_absolute_url())],
    "organisation_invite": [
        page(APPLICANT, lambda w: f"/accounts/organisation/{w.organisation.slug}/invite/")
    ],
    "organisation_invitation_cancel": [
        post_only(
            APPLICANT,
            lambda w: (
                f"/accounts/organisation/{w.organisation.slug}/invitations/"
                f"{w.invitation.pk}/cancel/"
            ),
        )
    ],
    "organisation_member_role": [
        post_only(
            APPLICANT,
            lambda w: (
                f"/accounts/organisation/{w.organisation.slug}/members/{w.colleague.pk}/role/"
            ),
        )
    ],
    "organisation_member_remove": [
        page(
            APPLICANT,
            lambda w: (
                f"/accounts/organisation/{w.organisation.slug}/members/{w.colleague.pk}/remove/"
            ),
        )
    ],
    "invitation_accept": [page(ANONYMOUS, lambda w: f"/accounts/invitations/{INVITATION_TOKEN}/")],
    # The world's invitation is to a colleague-to-be, so the applicant gets the 404 page.
    "invitation_received": [
        page(APPLICANT, lambda w: f"/accounts/invitations/received/{w.invitation.pk}/", status=404)
    ],
    "account_logout": [page(APPLICANT, lambda w: "/accounts/logout/")],
    "account_inactive": [page(ANONYMOUS, lambda w: "/accounts/inactive/")],
    "account_signup": [page(ANONYMOUS, lambda w: "/accounts/signup/")],
    "account_reauthenticate": [page(APPLICANT, lambda w: "/accounts/reauthenticate/")],
    # Reauthentication by an emailed code is not offered (accounts/urls.py).
    "account_request_reauthentication_code": [
        page(APPLICANT, lambda w: "/accounts/reauthenticate/code/", status=404)
    ],
    "account_confirm_reauthentication_code": [
        page(APPLICANT, lambda w: "/accounts/reauthenticate/code/confirm/", status=404)
    ],
    "account_email": [page(APPLICANT, lambda w: "/accounts/email/")],
    "account_email_verification_sent": [page(ANONYMOUS, lambda w: "/accounts/confirm-email/")],
    "account_change_password": [page(APPLICANT, lambda w: "/accounts/password/change/")],
    "account_set_password": [page(PASSWORDLESS, lambda w: "/accounts/password/set/")],
    "account_reset_password": [page(ANONYMOUS, lambda w: "/accounts/password/reset/")],
    "account_confirm_login_code": [
        other(
            ANONYMOUS,
            lambda w: "/accounts/login/code/confirm/",
            "sign-in by emailed code is off: sends people to the sign-in page",
            status=302,
        )
    ],
    "account_confirm_email": [
        page(ANONYMOUS, lambda w: f"/accounts/confirm-email/{w.confirmation_key}/")
    ],
    "account_reset_password_from_key_done": [
        page(ANONYMOUS, lambda w: "/accounts/password/reset/key/done/")
    ],
    # The emailed link puts its key in the session and moves on to the form, which is checked.
    "account_reset_password_from_key": [page(ANONYMOUS, lambda w: w.reset_path, follow=True)],
    "account_reset_password_done": [page(ANONYMOUS, lambda w: "/accounts/password/reset/done/")],
    "mfa_index": [page(APPLICANT, lambda w: "/accounts/2fa/")],
    "mfa_reauthenticate": [page(TWO_FACTOR, lambda w: "/accounts/2fa/reauthenticate/")],
    "mfa_activate_totp": [page(APPLICANT, lambda w: "/accounts/2fa/totp/activate/")],
    "mfa_deactivate_totp": [page(TWO_FACTOR, lambda w: "/accounts/2fa/totp/deactivate/")],
    "mfa_view_recovery_codes": [page(TWO_FACTOR, lambda w: "/accounts/2fa/recovery-codes/")],
    "mfa_generate_recovery_codes": [
        page(TWO_FACTOR, lambda w: "/accounts/2fa/recovery-codes/generate/")
    ],
    "mfa_download_recovery_codes": [
        download(TWO_FACTOR, lambda w: "/accounts/2fa/recovery-codes/download/")
    ],
    # The Movement: public pages
    "movement:index": [page(ANONYMOUS, lambda w: "/movement/")],
    "movement:event_list": [page(ANONYMOUS, lambda w: "/movement/events/")],
    "movement:event_detail": [page(ANONYMOUS, lambda w: w.movement_event.get_absolute_url())],
    "movement:event_document": [download(ANONYMOUS, lambda w: w.event_document.get_absolute_url())],
    # The Movement: registering and the applicant's own places
    "movement:event_register": [
        page(APPLICANT, lambda w: f"{w.movement_event.get_absolute_url()}register/")
    ],
    "movement:place_detail": [page(APPLICANT, lambda w: f"/movement/places/{w.place.token}/")],
    "movement:place_calendar": [
        download(APPLICANT, lambda w: f"/movement/places/{w.place.token}/event.ics")
    ],
    "movement:offer_accept": [
        page(APPLICANT, lambda w: f"/movement/places/{w.offer.token}/accept/")
    ],
    "movement:place_cancel": [
        page(APPLICANT, lambda w: f"/movement/places/{w.place.token}/cancel/")
    ],
    # PINE: public pages
    "pine:index": [page(ANONYMOUS, lambda w: "/pine/")],
    "pine:call_detail": [page(ANONYMOUS, lambda w: f"/pine/calls/{w.call.slug}/")],
    "pine:partner_list": [page(ANONYMOUS, lambda w: "/pine/partners/")],
    "pine:partner_detail": [page(ANONYMOUS, lambda w: f"/pine/partners/{w.project.slug}/")],
    "pine:evaluation_list": [page(ANONYMOUS, lambda w: "/pine/evaluations/")],
    "pine:evaluation_detail": [page(ANONYMOUS, lambda w: f"/pine/evaluations/{w.report.slug}/")],
    "pine:evaluation_pdf": [
        download(ANONYMOUS, lambda w: f"/pine/evaluations/{w.report.slug}/report.pdf")
    ],
    # PINE: the applicant's pages
    "pine:project_list": [page(APPLICANT, lambda w: "/pine/projects/")],
    "pine:project_detail": [page(APPLICANT, lambda w: f"/pine/projects/{w.project.slug}/")],
    "pine:meetings_ics": [
        download(APPLICANT, lambda w: f"/pine/projects/{w.project.slug}/meetings.ics")
    ],
    "pine:stage_detail": [page(APPLICANT, lambda w: f"/pine/projects/{w.project.slug}/stages/1/")],
    "pine:stage_upload": [
        post_only(APPLICANT, lambda w: f"/pine/projects/{w.project.slug}/stages/1/documents/")
    ],
    "pine:stage_ready": [
        post_only(APPLICANT, lambda w: f"/pine/projects/{w.project.slug}/stages/1/ready/")
    ],
    "pine:document_download": [download(APPLICANT, lambda w: f"/pine/documents/{w.document.pk}/")],
    "pine:application_list": [page(APPLICANT, lambda w: "/pine/applications/")],
    "pine:application_create": [
        page(APPLICANT, lambda w: f"/pine/applications/new/?call={w.call.slug}")
    ],
    "pine:application_detail": [
        page(APPLICANT, lambda w: f"/pine/applications/{w.application.reference}/")
    ],
    "pine:application_submit": [
        page(APPLICANT, lambda w: f"/pine/applications/{w.application.reference}/submit/")
    ],
    "pine:application_sent": [
        other(
            APPLICANT,
            lambda w: f"/pine/applications/{w.application.reference}/sent/",
            "a draft's confirmation leads to its application",
            status=302,
        )
    ],
    "pine:application_withdraw": [
        page(APPLICANT, lambda w: f"/pine/applications/{w.application.reference}/withdraw/")
    ],
    "pine:section_edit": [
        page(APPLICANT, lambda w: f"/pine/applications/{w.application.reference}/the-practice/")
    ],
}
