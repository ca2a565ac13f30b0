import django_tables2 as tables
from django.template.defaultfilters import date as date_filter
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from styring.core.lists import TABLE_ATTRS, LinkedNameColumn, OrganisationTable

from .choices import CompetenceLevel, GapState
from .models import Competence, PersonCompetence, TrainingItem

PERSON_ORDER = ("member__user__full_name", "person_name")


class PersonColumn(tables.Column):
    """A member's name, or the name of the person outside Styring (marked as such on screen)."""

    def render(self, record):
        if record.member_id:
            return record.member.user.get_full_name()
        return format_html('{} <span class="text-body-secondary small">({})</span>', record.person_name, _("outside"))

    def value(self, record):
        return record.holder_name


class CompetenceTable(OrganisationTable):
    name = LinkedNameColumn(verbose_name=_("Competence"))
    category = tables.Column(verbose_name=_("Category"))
    renewal_months = tables.Column(verbose_name=_("Renew every (months)"), default="—")

    class Meta:
        model = Competence
        fields = ("name", "category", "renewal_months")
        attrs = TABLE_ATTRS
        order_by = ("name",)


class ExpiryColumn(tables.Column):
    """The expiry date, marked when it has passed (the date alone in exports)."""

    def render(self, record, value, table):
        text = date_filter(value, "SHORT_DATE_FORMAT")
        if record.is_expired(table.today):
            return format_html('{} <span class="badge text-bg-danger">{}</span>', text, _("Expired"))
        return text

    def value(self, value):
        return value.isoformat() if value else ""


class PersonCompetenceTable(OrganisationTable):
    competence = tables.Column(verbose_name=_("Competence"), linkify=lambda record: record.get_absolute_url(),
                               order_by=("competence__name",))  # fmt: skip
    person = PersonColumn(verbose_name=_("Person"), empty_values=(), order_by=PERSON_ORDER)
    level = tables.Column(verbose_name=_("Level"))
    evidence_type = tables.Column(verbose_name=_("Evidence"))
    obtained_on = tables.DateColumn(verbose_name=_("Obtained"), short=True)
    expires_on = ExpiryColumn(verbose_name=_("Expires"))

    class Meta:
        model = PersonCompetence
        fields = ("competence", "person", "level", "evidence_type", "obtained_on", "expires_on")
        attrs = TABLE_ATTRS
        order_by = ("competence",)

    def __init__(self, *args, **kwargs):
        from django.utils import timezone

        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()


class TrainingItemTable(OrganisationTable):
    title = LinkedNameColumn(verbose_name=_("Training"))
    person = PersonColumn(verbose_name=_("Person"), empty_values=(), order_by=PERSON_ORDER)
    competence = tables.Column(verbose_name=_("Competence"), order_by=("competence__name",))
    provider = tables.Column(verbose_name=_("Provider"))
    planned_on = tables.DateColumn(verbose_name=_("Planned"), short=True)
    status = tables.Column(verbose_name=_("Status"))
    completed_on = tables.DateColumn(verbose_name=_("Completed"), short=True)

    class Meta:
        model = TrainingItem
        fields = ("title", "person", "competence", "provider", "planned_on", "status", "completed_on")
        attrs = TABLE_ATTRS
        order_by = ("planned_on",)


class GapTable(tables.Table):
    """The gaps of the matrix as rows, for CSV and Excel export."""

    role = tables.Column(verbose_name=_("AI role"))
    person = tables.Column(verbose_name=_("Person"))
    competence = tables.Column(verbose_name=_("Competence"))
    required = tables.Column(verbose_name=_("Required level"))
    state = tables.Column(verbose_name=_("Gap"))
    held = tables.Column(verbose_name=_("Level held"))
    expires_on = tables.Column(verbose_name=_("Expires"))

    def value_required(self, value):
        return CompetenceLevel(value).label

    def value_held(self, value):
        return CompetenceLevel(value).label if value else ""

    def value_state(self, value):
        return GapState(value).label

    def value_expires_on(self, value):
        return value.isoformat() if value else ""
