from __future__ import annotations

import datetime
import zoneinfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from styring.core.permissions import Perm
from styring.core.views import OrganisationListView, OrganisationMixin, OrganisationPage, TenantObjectMixin

from . import services
from .filtersets import ApiTokenFilterSet
from .forms import ApiTokenForm, ProfileForm
from .models import ApiToken
from .tables import ApiTokenTable


class ApiTokenListView(OrganisationListView):
    """The member's own tokens for this organisation: a token acts as its member, in this organisation only."""

    permission_required = Perm.API_TOKENS_USE
    table_class = ApiTokenTable
    filterset_class = ApiTokenFilterSet
    template_name = "accounts/api_tokens.html"
    title = _("API tokens")
    export_name = "api-tokens"

    def get_queryset(self):
        return ApiToken.objects.filter(membership=self.membership)


class ApiTokenCreateView(OrganisationMixin, FormView):
    permission_required = Perm.API_TOKENS_USE
    form_class = ApiTokenForm
    template_name = "accounts/api_token_new.html"

    def form_valid(self, form):
        expires_on = form.cleaned_data["expires_on"]
        expires_at = None
        if expires_on:
            tz = zoneinfo.ZoneInfo(self.organisation.time_zone)
            expires_at = datetime.datetime.combine(expires_on, datetime.time.max, tzinfo=tz)
        token, secret = services.api_token_create(
            membership=self.membership, name=form.cleaned_data["name"], expires_at=expires_at
        )
        # The secret is rendered once, in this response, and never stored or shown again.
        response = render(
            self.request,
            "accounts/api_token_created.html",
            {
                **self.get_context_data(form=form),
                "token": token,
                "secret": secret,
            },
        )
        response["Cache-Control"] = "no-store"
        return response


class ApiTokenRevokeView(TenantObjectMixin, OrganisationPage):
    permission_required = Perm.API_TOKENS_USE
    http_method_names = ["post"]
    lookup_kwarg = "apitoken"

    def get_object(self):
        # Tokens belong to a membership, not directly to the organisation: members see only their own.
        return get_object_or_404(ApiToken, membership=self.membership, public_id=self.kwargs["apitoken"])

    def post(self, request, *args, **kwargs):
        token = self.get_object()
        services.api_token_revoke(token=token, actor=request.user)
        messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
        return redirect("accounts:api-tokens", org=self.organisation.slug)


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Profile saved."))
        response = redirect("accounts:profile")
        if user.language:
            translation.activate(user.language)
            response.set_cookie("django_language", user.language, samesite="Lax")
        return response
    return render(request, "accounts/profile.html", {"form": form, "title": _("Your profile")})
