import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from styring.core.lists import OrganisationFilterSet

from .models import ApiToken


class ApiTokenFilterSet(OrganisationFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        method="filter_status",
        choices=[("active", _("Active")), ("revoked", _("Revoked")), ("expired", _("Expired"))],
    )

    class Meta:
        model = ApiToken
        fields: list[str] = []

    def filter_status(self, queryset, name, value):
        now = timezone.now()
        if value == "active":
            return queryset.active()
        if value == "revoked":
            return queryset.filter(revoked_at__isnull=False)
        return queryset.filter(revoked_at__isnull=True, expires_at__lte=now) if value == "expired" else queryset
