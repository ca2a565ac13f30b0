from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def send_invitation(invitation, token: str, request=None) -> None:
    path = reverse("accept-invitation", kwargs={"token": token})
    link = request.build_absolute_uri(path) if request is not None else f"{settings.BASE_URL}{path}"
    with translation.override(invitation.organisation.default_language):
        context = {"invitation": invitation, "link": link}
        subject = render_to_string("organisations/email/invitation_subject.txt", context).strip()
        body = render_to_string("organisations/email/invitation_body.txt", context)
    send_mail(settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body, None, [invitation.email])
