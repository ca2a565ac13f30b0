from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from styring.accounts.services import remember_last_organisation
from styring.core.permissions import Perm, can, can_manage_member
from styring.core.views import OrganisationListView, OrganisationPage, ServiceFormView, TenantObjectMixin

from . import selectors, services
from .filtersets import MemberFilterSet
from .forms import (
    InvitationForm,
    InvitationSignupForm,
    MembershipRoleForm,
    OrganisationCreateForm,
    OrganisationSettingsForm,
)
from .models import Invitation, Membership
from .tables import MemberTable


@login_required
def home(request):
    """Send the user to the organisation they used last, or to the list of their organisations."""
    memberships = selectors.memberships_of(request.user)
    last = request.user.last_organisation_id
    for membership in memberships:
        if membership.organisation_id == last:
            return redirect("organisations:dashboard", org=membership.organisation.slug)
    if len(memberships) == 1:
        return redirect("organisations:dashboard", org=memberships[0].organisation.slug)
    return redirect("organisations:choose")


@login_required
def choose_organisation(request):
    return render(
        request,
        "organisations/choose.html",
        {
            "memberships": selectors.memberships_of(request.user),
            "can_create": settings.STYRING_ALLOW_ORGANISATION_CREATION or request.user.is_staff,
        },
    )


@login_required
def organisation_create(request):
    if not (settings.STYRING_ALLOW_ORGANISATION_CREATION or request.user.is_staff):
        raise PermissionDenied
    form = OrganisationCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(owner=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Organisation created. You are its owner."))
            return redirect("organisations:dashboard", org=organisation.slug)
    return render(
        request,
        "core/form_page.html",
        {
            "form": form,
            "title": _("New organisation"),
            "submit_label": _("Create organisation"),
            "cancel_url": reverse("organisations:choose"),
        },
    )


class DashboardView(OrganisationPage):
    template_name = "organisations/dashboard.html"
    permission_required = Perm.ORGANISATION_VIEW

    def get(self, request, *args, **kwargs):
        remember_last_organisation(user=request.user, organisation=self.organisation)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from styring.controls.selectors import gap_summary
        from styring.core.readiness import overall, readiness
        from styring.inventory.selectors import inventory_summary

        context = super().get_context_data(**kwargs)
        context["inventory"] = inventory_summary(self.organisation)
        context["gap"] = gap_summary(self.organisation)
        context["steps"] = readiness(self.organisation)
        context["overall"] = overall(context["steps"])
        return context


class SettingsView(ServiceFormView):
    template_name = "organisations/settings.html"
    form_class = OrganisationSettingsForm
    permission_required = Perm.ORGANISATION_CHANGE
    title = _("Organisation settings")
    success_message = _("Settings saved.")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.organisation
        kwargs["initial"] = {"version": self.organisation.version}
        return kwargs

    def perform(self, form):
        data = {key: form.cleaned_data[key] for key in form.Meta.fields}
        return services.organisation_update(
            organisation=self.organisation,
            actor=self.request.user,
            data=data,
            expected_version=form.cleaned_data["version"],
        )

    def get_success_url_for(self, result):
        return reverse("organisations:settings", kwargs={"org": result.slug})


class MemberListView(OrganisationListView):
    permission_required = Perm.MEMBERS_VIEW
    template_name = "organisations/members.html"
    table_class = MemberTable
    filterset_class = MemberFilterSet
    title = _("Members")
    export_name = "members"

    def get_queryset(self):
        return selectors.members_of(self.organisation)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if can(self.membership, Perm.MEMBERS_MANAGE):
            context["invitations"] = selectors.pending_invitations_of(self.organisation)
        return context


class InviteView(ServiceFormView):
    form_class = InvitationForm
    permission_required = Perm.MEMBERS_MANAGE
    title = _("Invite a member")
    submit_label = _("Send invitation")
    success_message = _("Invitation sent.")

    def perform(self, form):
        from .emails import send_invitation

        invitation, token = services.invitation_create(
            organisation=self.organisation,
            email=form.cleaned_data["email"],
            role=form.cleaned_data["role"],
            actor_membership=self.membership,
        )
        transaction.on_commit(lambda: send_invitation(invitation, token, request=self.request))
        return invitation

    def get_success_url_for(self, result):
        return reverse("organisations:members", kwargs={"org": self.organisation.slug})

    def get_cancel_url(self):
        return self.get_success_url_for(None)


class MemberRoleView(TenantObjectMixin, ServiceFormView):
    model = Membership
    lookup_kwarg = "membership"
    form_class = MembershipRoleForm
    permission_required = Perm.MEMBERS_MANAGE
    submit_label = _("Change role")
    success_message = _("Role changed.")

    def get_title(self):
        return _("Role of %(member)s") % {"member": self.get_object().user}

    def get_initial(self):
        target = self.get_object()
        if not can_manage_member(self.membership, target):
            raise PermissionDenied
        return {"role": target.role, "version": target.version}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.get_title()
        return context

    def perform(self, form):
        return services.membership_change_role(
            membership=self.get_object(),
            role=form.cleaned_data["role"],
            actor_membership=self.membership,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["reason"],
        )

    def get_success_url_for(self, result):
        return reverse("organisations:members", kwargs={"org": self.organisation.slug})

    def get_cancel_url(self):
        return self.get_success_url_for(None)


class MemberRemoveView(TenantObjectMixin, OrganisationPage):
    """POST only: remove a member (or leave the organisation when removing oneself)."""

    model = Membership
    lookup_kwarg = "membership"
    permission_required = Perm.ORGANISATION_VIEW
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        target = self.get_object()
        try:
            services.membership_remove(
                membership=target,
                actor_membership=self.membership,
                reason=request.POST.get("reason", "")[:1000],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("organisations:members", org=self.organisation.slug)
        if target.pk == self.membership.pk:
            messages.success(request, _("You left %(organisation)s.") % {"organisation": self.organisation})
            return redirect("home")
        messages.success(request, _("%(member)s was removed.") % {"member": target.user})
        return redirect("organisations:members", org=self.organisation.slug)


class InvitationRevokeView(TenantObjectMixin, OrganisationPage):
    model = Invitation
    lookup_kwarg = "invitation"
    permission_required = Perm.MEMBERS_MANAGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        invitation = self.get_object()
        if invitation.status == "pending":
            services.invitation_revoke(invitation=invitation, actor=request.user)
            messages.success(request, _("Invitation to %(email)s revoked.") % {"email": invitation.email})
        return redirect("organisations:members", org=self.organisation.slug)


def accept_invitation(request, token: str):
    """The link in the invitation e-mail. Signed-in users accept; newcomers create their account here."""
    from styring.accounts.models import User

    invitation = services.invitation_for_token(token)
    if invitation is None or invitation.status != "pending":
        return render(request, "organisations/invitation_invalid.html", status=404)
    context = {"invitation": invitation}
    if request.user.is_authenticated:
        if request.method == "POST":
            try:
                membership = services.invitation_accept(invitation=invitation, user=request.user)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
                return redirect("home")
            messages.success(request, _("Welcome to %(organisation)s.") % {"organisation": membership.organisation})
            return redirect("organisations:dashboard", org=membership.organisation.slug)
        context["email_matches"] = request.user.email.lower() == invitation.email.lower()
        return render(request, "organisations/invitation_accept.html", context)
    if User.objects.filter(email__iexact=invitation.email).exists():
        login_url = reverse("account_login")
        return HttpResponseRedirect(f"{login_url}?next={request.path}")
    form = InvitationSignupForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = User.objects.create_user(
                email=invitation.email,
                password=form.cleaned_data["password1"],
                full_name=form.cleaned_data["full_name"],
            )
            membership = services.invitation_accept(invitation=invitation, user=user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to %(organisation)s.") % {"organisation": membership.organisation})
        return redirect("organisations:dashboard", org=membership.organisation.slug)
    context["form"] = form
    return render(request, "organisations/invitation_signup.html", context)
