"""The staff AI-use survey: an organisation-scoped link, no login, rate-limited; answers land in the review queue."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styring.core.services import tenant_create, tenant_update
from styring.organisations.models import Organisation

from .choices import CandidateKind, CandidateSource
from .models import Candidate

PER_SENDER_PER_HOUR = 10
PER_ORGANISATION_PER_DAY = 500


class SurveyForm(forms.Form):
    tool = forms.CharField(
        label=gettext_lazy("Which AI tool or feature do you use?"),
        max_length=200,
        help_text=gettext_lazy("E.g. ChatGPT, Copilot in Outlook, an AI feature in our CRM."),
    )
    purpose = forms.CharField(
        label=gettext_lazy("What do you use it for?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    department = forms.CharField(label=gettext_lazy("Your department or team"), max_length=200, required=False)
    frequency = forms.ChoiceField(
        label=gettext_lazy("How often?"),
        choices=[
            ("daily", gettext_lazy("Daily")),
            ("weekly", gettext_lazy("Weekly")),
            ("occasionally", gettext_lazy("Occasionally")),
            ("tried", gettext_lazy("Tried it once or twice")),
        ],
    )
    data = forms.ChoiceField(
        label=gettext_lazy("What information do you put into it?"),
        choices=[
            ("public", gettext_lazy("Only public information")),
            ("internal", gettext_lazy("Internal information")),
            ("personal", gettext_lazy("Information about customers or colleagues")),
            ("sensitive", gettext_lazy("Health, financial or other sensitive personal information")),
            ("unknown", gettext_lazy("I am not sure")),
        ],
    )
    approved = forms.ChoiceField(
        label=gettext_lazy("Has the company approved this tool?"),
        choices=[
            ("yes", gettext_lazy("Yes")),
            ("no", gettext_lazy("No")),
            ("unknown", gettext_lazy("I don't know")),
        ],
    )
    contact = forms.EmailField(
        label=gettext_lazy("Your e-mail (optional, if we may ask follow-up questions)"), required=False, max_length=254
    )
    # A field people do not see: bots that fill every field are dropped.
    website = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)


def survey_enable(*, organisation: Organisation, actor) -> Organisation:
    data = {"survey_enabled": True}
    if not organisation.survey_token:
        data["survey_token"] = secrets.token_urlsafe(24)
    return tenant_update(instance=organisation, actor=actor, data=data, reason=_("Staff survey opened"))


def survey_disable(*, organisation: Organisation, actor) -> Organisation:
    return tenant_update(
        instance=organisation, actor=actor, data={"survey_enabled": False}, reason=_("Staff survey closed")
    )


def survey_new_link(*, organisation: Organisation, actor) -> Organisation:
    """Replace the link; the old one stops working at once."""
    return tenant_update(
        instance=organisation,
        actor=actor,
        data={"survey_token": secrets.token_urlsafe(24)},
        reason=_("New staff survey link"),
    )


def organisation_for_survey(token: str) -> Organisation | None:
    if not token:
        return None
    return Organisation.objects.filter(survey_enabled=True, survey_token=token).first()


def origin_hash(organisation: Organisation, address: str) -> str:
    # Keyed with the secret key and the organisation, so the stored value reveals neither the address nor links
    # answers across organisations.
    key = f"{settings.SECRET_KEY}:{organisation.public_id}".encode()
    return hmac.new(key, address.encode(), hashlib.sha256).hexdigest()


def survey_submit(*, organisation: Organisation, data: dict, address: str) -> Candidate | None:
    """Queue one answer. Returns None (silently) for bot submissions; raises ValidationError when rate-limited."""
    if data.get("website"):
        return None
    sender = origin_hash(organisation, address)
    now = timezone.now()
    recent = Candidate.objects.for_organisation(organisation).filter(source=CandidateSource.SURVEY)
    if recent.filter(origin_hash=sender, created_at__gte=now - timedelta(hours=1)).count() >= PER_SENDER_PER_HOUR:
        raise ValidationError(_("Thank you! You have sent many answers in a short time; please try again later."))
    if recent.filter(created_at__gte=now - timedelta(days=1)).count() >= PER_ORGANISATION_PER_DAY:
        raise ValidationError(_("The survey has received many answers today; please try again tomorrow."))
    personal = data["data"] in ("personal", "sensitive")

    def label(field: str) -> str:
        return str(dict(SurveyForm.base_fields[field].choices).get(data[field], data[field])).lower()

    proposed = {
        "purpose": data["purpose"],
        "business_unit": data.get("department", ""),
        "sourcing": "general_purpose",
        "processes_personal_data": personal,
        "lifecycle_stage": "operation",
        "description": _(
            "Reported in the staff survey. How often: %(frequency)s. Information put in: %(data)s. "
            "Approved by the company: %(approved)s."
        )
        % {"frequency": label("frequency"), "data": label("data"), "approved": label("approved")},
    }
    evidence = _("Staff AI-use survey")
    if data.get("contact"):
        evidence += " · " + _("contact: %(email)s") % {"email": data["contact"]}
    with transaction.atomic():
        candidate = Candidate(
            organisation=organisation,
            source=CandidateSource.SURVEY,
            kind=CandidateKind.SYSTEM,
            name=data["tool"],
            proposed=proposed,
            evidence=evidence,
            origin_hash=sender,
        )
        return tenant_create(instance=candidate, actor=None)
