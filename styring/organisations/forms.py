from __future__ import annotations

import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from styring.core.permissions import can_assign_role
from styring.core.roles import Role
from styring.core.views import VersionedFormMixin

from .models import Organisation


def _time_zone_choices():
    return [(name, name) for name in sorted(zoneinfo.available_timezones()) if "/" in name or name == "UTC"]


class OrganisationSettingsForm(VersionedFormMixin, forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("time zone"), choices=_time_zone_choices)

    class Meta:
        model = Organisation
        fields = ["name", "slug", "default_language", "time_zone"]

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        self.fields["slug"].help_text = _(
            "Changing the short name changes every address of this organisation; bookmarks will stop working."
        )


class OrganisationCreateForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("time zone"), choices=_time_zone_choices, initial="Europe/Oslo")

    class Meta:
        model = Organisation
        fields = ["name", "slug", "default_language", "time_zone"]

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["default_language"].initial = settings.LANGUAGE_CODE


def role_choices_for(membership):
    """Only the roles this member may grant (the same decision the service enforces)."""
    return [(value, label) for value, label in Role.choices if can_assign_role(membership, value)]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices_for(membership)
        self.fields["role"].initial = Role.CONTRIBUTOR


class MembershipRoleForm(VersionedFormMixin):
    role = forms.ChoiceField(label=_("Role"))
    reason = forms.CharField(label=_("Reason (recorded in the change log)"), required=False, max_length=1000)

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = role_choices_for(membership)


class InvitationSignupForm(forms.Form):
    """Account creation for a person who follows an invitation link and has no account yet."""

    full_name = forms.CharField(label=_("Full name"), max_length=150)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(
        label=_("Password (again)"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        from django.contrib.auth import password_validation

        from styring.accounts.models import User

        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(
                    first, User(email=self.email, full_name=cleaned.get("full_name", ""))
                )
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return cleaned
