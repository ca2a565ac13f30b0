"""AI system impact assessments and FRIAs: the questions (data), the writes (create prefilled, save, submit,
approve and freeze, next version, findings to risks) and the pages."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from styring.core.data_i18n import translate
from styring.core.exceptions import ConflictError
from styring.core.permissions import Perm, can
from styring.core.services import tenant_create, tenant_update
from styring.core.views import OrganisationListView, OrganisationPage, TenantObjectMixin
from styring.inventory.models import AISystem

from .choices import ImpactStatus, ImpactVariant
from .models import ImpactAssessment, Risk

QUESTIONS_FILE = Path(__file__).resolve().parent / "data" / "impact-assessment.yaml"
IMPACT_FIELDS = ("description", "likelihood", "severity", "mitigation", "residual")
IMPACT_COLUMNS = {
    "description": gettext_lazy("Impact"),
    "likelihood": gettext_lazy("Likelihood"),
    "severity": gettext_lazy("Severity"),
    "mitigation": gettext_lazy("Mitigation"),
    "residual": gettext_lazy("Remaining impact"),
}
SECTION = "risks:impact-list"


@cache
def questionnaire() -> dict:
    data = yaml.safe_load(QUESTIONS_FILE.read_text(encoding="utf-8"))
    keys = [q["key"] for variant in data["variants"].values() for s in variant["sections"] for q in s["questions"]]
    if any(not isinstance(key, str) for key in keys):
        raise ValueError(f"{QUESTIONS_FILE.name}: every question needs a key")
    return data


def questions_of(variant: str) -> list[dict]:
    return [q for section in questionnaire()["variants"][variant]["sections"] for q in section["questions"]]


def impact_areas() -> list[dict]:
    return questionnaire()["impact_areas"]


def text(value: str) -> str:
    """A text of the questionnaire in the reader's language (data/translations/<language>.yaml)."""
    from .library import TRANSLATIONS_DIR

    return translate(TRANSLATIONS_DIR, value)


def texts() -> list[str]:
    """Every text of the questionnaire a reader sees (what the translations must cover)."""
    found = []
    for variant in questionnaire()["variants"].values():
        found.append(variant["title"])
        for section in variant["sections"]:
            found.append(section["title"])
            found += [question["text"] for question in section["questions"]]
    found += [area["title"] for area in impact_areas()]
    return list(dict.fromkeys(found))


# --- writes --------------------------------------------------------------------------------------------------------


def _prefill(system: AISystem, variant: str) -> dict[str, str]:
    return {q["key"]: getattr(system, q["prefill"], "") or "" for q in questions_of(variant) if q.get("prefill")}


def impact_assessment_start(*, system: AISystem, actor, variant: str = ImpactVariant.AISIA) -> ImpactAssessment:
    """A new draft, prefilled from the AI system; a FRIA also takes the answers of the system's latest approved
    impact assessment where the questions overlap. An open draft of the same kind is returned instead."""
    if variant not in ImpactVariant.values:
        raise ValidationError(_("Choose the kind of assessment."))
    existing = ImpactAssessment.objects.for_organisation(system.organisation).filter(system=system, variant=variant)
    draft = existing.filter(status__in=(ImpactStatus.DRAFT, ImpactStatus.IN_REVIEW)).first()
    if draft is not None:
        return draft
    latest = existing.order_by("-number").first()
    answers = _prefill(system, variant)
    impacts: dict[str, Any] = {}
    reviewers = triggers = ""
    if latest is not None:  # the next version starts from the last one
        answers, impacts = dict(latest.answers), dict(latest.impacts)
        reviewers, triggers = latest.reviewers, latest.reassessment_triggers
    elif variant == ImpactVariant.FRIA:
        aisia = (
            ImpactAssessment.objects.for_organisation(system.organisation)
            .filter(system=system, variant=ImpactVariant.AISIA, status=ImpactStatus.APPROVED)
            .order_by("-number")
            .first()
        )
        if aisia is not None:
            overlap = {"affected_categories": "affected_groups", "human_oversight": "human_oversight",
                       "materialised_risks": "recourse"}  # fmt: skip
            answers.update({key: aisia.answers[source] for key, source in overlap.items() if aisia.answers.get(source)})
            impacts = dict(aisia.impacts)
    return tenant_create(
        instance=ImpactAssessment(
            organisation=system.organisation,
            system=system,
            variant=variant,
            number=(latest.number + 1) if latest else 1,
            answers=answers,
            impacts=impacts,
            reviewers=reviewers,
            reassessment_triggers=triggers,
        ),
        actor=actor,
    )


def _editable(assessment: ImpactAssessment) -> ImpactAssessment:
    current = ImpactAssessment.objects.get(pk=assessment.pk)
    if current.status != ImpactStatus.DRAFT:
        raise ValidationError(_("This version is frozen. Start a new version to change it."))
    return current


def impact_assessment_save(*, assessment, actor, expected_version=None, **data) -> ImpactAssessment:
    allowed = {"answers", "impacts", "reviewers", "reassessment_triggers", "dpia_reference"}
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"Not editable: {', '.join(sorted(unknown))}")
    current = _editable(assessment)
    return tenant_update(instance=current, actor=actor, data=data, expected_version=expected_version)


def impact_assessment_submit(*, assessment, actor) -> ImpactAssessment:
    current = _editable(assessment)
    missing = [q["key"] for q in questions_of(current.variant) if not (current.answers.get(q["key"]) or "").strip()]
    if missing:
        raise ValidationError(_("Answer every question before submitting (%(n)s open).") % {"n": len(missing)})
    return tenant_update(instance=current, actor=actor, data={"status": ImpactStatus.IN_REVIEW},
                         reason=_("Submitted for review"))  # fmt: skip


def impact_assessment_decide(*, assessment, actor, approve: bool, note: str = "") -> ImpactAssessment:
    """Approve (earlier approved versions are superseded; this one is frozen) or return to draft."""
    current = ImpactAssessment.objects.get(pk=assessment.pk)
    if current.status != ImpactStatus.IN_REVIEW:
        raise ValidationError(_("Only an assessment in review can be approved or returned."))
    with transaction.atomic():
        if not approve:
            return tenant_update(instance=current, actor=actor, data={"status": ImpactStatus.DRAFT},
                                 reason=_("Returned for changes: %(note)s") % {"note": note[:300]})  # fmt: skip
        for previous in ImpactAssessment.objects.filter(
            system=current.system, variant=current.variant, status=ImpactStatus.APPROVED
        ):
            tenant_update(instance=previous, actor=actor, data={"status": ImpactStatus.SUPERSEDED})
        return tenant_update(
            instance=current,
            actor=actor,
            data={"status": ImpactStatus.APPROVED, "approved_by": actor, "approved_at": timezone.now()},
            reason=_("Approved: %(note)s") % {"note": note[:300]} if note else _("Approved"),
        )


def impact_finding_to_risk(*, assessment, actor, area: str):
    """Record the impact found in one area as a risk of the system, rated from the assessment (one step)."""
    from .library import rescale
    from .services import risk_create, risk_method_ensure

    finding = (assessment.impacts or {}).get(area) or {}
    titles = {item["key"]: text(item["title"]) for item in impact_areas()}
    if area not in titles or not (finding.get("description") or "").strip():
        raise ValidationError(_("Describe the impact before turning it into a risk."))
    if finding.get("risk"):
        raise ValidationError(_("This finding is already in the risk register."))
    with transaction.atomic():
        method = risk_method_ensure(organisation=assessment.organisation, actor=actor)

        def rating(key: str, size: int):
            value = finding.get(key)
            return rescale(int(value), size) if str(value or "").isdigit() and 1 <= int(value) <= 5 else None

        likelihood, impact = rating("likelihood", len(method.likelihood)), rating("severity", len(method.impact))
        risk = risk_create(
            organisation=assessment.organisation,
            actor=actor,
            reason=_("From %(assessment)s") % {"assessment": assessment},
            title=f"{titles[area]}: {finding['description'][:200]}",
            description=finding["description"],
            system=assessment.system,
            consequences_individuals=finding["description"],
            treatment_plan=finding.get("mitigation", ""),
            inherent_likelihood=likelihood if impact else None,
            inherent_impact=impact if likelihood else None,
        )
        impacts = dict(assessment.impacts)
        impacts[area] = {**finding, "risk": risk.reference}
        # the link is recorded even on a frozen version: it documents what was done with the finding
        tenant_update(instance=ImpactAssessment.objects.get(pk=assessment.pk), actor=actor, data={"impacts": impacts})
    return risk


# --- pages ---------------------------------------------------------------------------------------------------------


class ImpactForm(forms.Form):
    reviewers = forms.CharField(
        label=gettext_lazy("Reviewers"), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    reassessment_triggers = forms.CharField(label=gettext_lazy("Re-assess when"), required=False, max_length=2000,
                                            widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    dpia_reference = forms.CharField(label=gettext_lazy("DPIA reused"), required=False, max_length=300)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, assessment=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.assessment = assessment
        for question in questions_of(assessment.variant):
            self.fields[f"q_{question['key']}"] = forms.CharField(
                label=text(question["text"]),
                required=False,
                max_length=20_000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )
            self.initial.setdefault(f"q_{question['key']}", assessment.answers.get(question["key"], ""))
        for area in impact_areas():
            finding = assessment.impacts.get(area["key"]) or {}
            for name in IMPACT_FIELDS:
                field_name = f"i_{area['key']}_{name}"
                # screen readers announce the row and the column: "Fairness: Likelihood"
                label = format_lazy("{}: {}", text(area["title"]), IMPACT_COLUMNS[name])
                if name in ("likelihood", "severity"):
                    self.fields[field_name] = forms.TypedChoiceField(
                        choices=[("", "—")] + [(str(v), str(v)) for v in range(1, 6)], coerce=int, empty_value=None,
                        required=False, label=label,
                    )  # fmt: skip
                else:
                    self.fields[field_name] = forms.CharField(
                        required=False, max_length=5000, label=label, widget=forms.Textarea(attrs={"rows": 2})
                    )
                self.initial.setdefault(field_name, finding.get(name, ""))
        for name in ("reviewers", "reassessment_triggers", "dpia_reference"):
            self.initial.setdefault(name, getattr(assessment, name))
        self.initial.setdefault("version", assessment.version)
        if not assessment.is_editable:
            for field in self.fields.values():
                field.disabled = True

    def data_for_service(self) -> dict:
        data = self.cleaned_data
        answers = {q["key"]: data[f"q_{q['key']}"] for q in questions_of(self.assessment.variant)}
        impacts = {}
        for area in impact_areas():
            finding = {name: data[f"i_{area['key']}_{name}"] for name in IMPACT_FIELDS}
            finding = {name: value for name, value in finding.items() if value not in (None, "")}
            previous = self.assessment.impacts.get(area["key"]) or {}
            if previous.get("risk"):
                finding["risk"] = previous["risk"]
            if finding:
                impacts[area["key"]] = finding
        return {
            "answers": answers,
            "impacts": impacts,
            "reviewers": data["reviewers"],
            "reassessment_triggers": data["reassessment_triggers"],
            "dpia_reference": data["dpia_reference"],
        }


class ImpactListView(OrganisationListView):
    permission_required = Perm.RISK_VIEW
    title = gettext_lazy("Impact assessments")
    section = SECTION
    export_name = "impact-assessments"
    empty_title = gettext_lazy("No impact assessments yet")
    empty_text = gettext_lazy("Start one from an AI system's page: it is prefilled from the inventory.")

    @property
    def table_class(self):
        from .impact_tables import ImpactTable

        return ImpactTable

    @property
    def filterset_class(self):
        from .impact_tables import ImpactFilterSet

        return ImpactFilterSet

    def get_queryset(self):
        return ImpactAssessment.objects.for_organisation(self.organisation).select_related("system", "organisation")


class ImpactStartView(TenantObjectMixin, OrganisationPage):
    model = AISystem
    lookup_kwarg = "aisystem"
    permission_required = Perm.RISK_CHANGE
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            assessment = impact_assessment_start(
                system=self.get_object(), actor=request.user, variant=request.POST.get("variant", "aisia")
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(self.get_object().get_absolute_url())
        return redirect(assessment.get_absolute_url())


class ImpactDetailView(TenantObjectMixin, OrganisationPage):
    """The assessment as a form while it is a draft; read-only once submitted. Actions: submit, approve or
    return (managers), start the next version, turn a finding into a risk."""

    model = ImpactAssessment
    lookup_kwarg = "impactassessment"
    permission_required = Perm.RISK_VIEW
    template_name = "risks/impact_detail.html"
    section = SECTION

    def get_queryset(self):
        return ImpactAssessment.objects.select_related("system", "organisation", "approved_by")

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        assessment = self.get_object()
        form = form or ImpactForm(assessment=assessment)
        sections = []
        for section in questionnaire()["variants"][assessment.variant]["sections"]:
            sections.append((section["title"], [(q, form[f"q_{q['key']}"]) for q in section["questions"]]))
        references = [finding.get("risk") for finding in assessment.impacts.values() if finding.get("risk")]
        risks = {
            risk.reference: risk
            for risk in Risk.objects.for_organisation(assessment.organisation).filter(reference__in=references)
        }
        areas = []
        for area in impact_areas():
            fields = [form[f"i_{area['key']}_{name}"] for name in IMPACT_FIELDS]
            finding = assessment.impacts.get(area["key"]) or {}
            area = {**area, "title": text(area["title"]), "described": bool(finding.get("description"))}
            # a deleted risk leaves its reference behind as plain text
            areas.append((area, fields, risks.get(finding.get("risk")) or finding.get("risk")))
        context.update(
            title=str(assessment),
            assessment=assessment,
            form=form,
            sections=sections,
            areas=areas,
            can_edit=assessment.is_editable and can(self.membership, Perm.RISK_CHANGE),
            can_change=can(self.membership, Perm.RISK_CHANGE),
            can_approve=can(self.membership, Perm.RISK_ACCEPT),
        )
        return context

    def post(self, request, *args, **kwargs):
        if not can(self.membership, Perm.RISK_CHANGE):
            raise PermissionDenied
        assessment = self.get_object()
        action = request.POST.get("action", "save")
        try:
            if action in ("save", "submit"):
                form = ImpactForm(request.POST, assessment=assessment)
                if not form.is_valid():
                    return self.render_to_response(self.get_context_data(form=form), status=422)
                assessment = impact_assessment_save(
                    assessment=assessment, actor=request.user, expected_version=form.cleaned_data["version"],
                    **form.data_for_service(),
                )  # fmt: skip
                if action == "submit":
                    impact_assessment_submit(assessment=assessment, actor=request.user)
                    messages.success(request, _("Submitted for review."))
                else:
                    messages.success(request, _("Saved."))
            elif action in ("approve", "return"):
                if not can(self.membership, Perm.RISK_ACCEPT):
                    raise PermissionDenied
                impact_assessment_decide(assessment=assessment, actor=request.user, approve=action == "approve",
                                         note=request.POST.get("note", ""))  # fmt: skip
                messages.success(request, _("Approved.") if action == "approve" else _("Returned to draft."))
            elif action == "new_version":
                assessment = impact_assessment_start(system=assessment.system, actor=request.user,
                                                     variant=assessment.variant)  # fmt: skip
            elif action == "risk":
                risk = impact_finding_to_risk(assessment=assessment, actor=request.user, area=request.POST.get("area"))
                messages.success(request, _("%(risk)s added to the risk register.") % {"risk": risk.reference})
        except (ValidationError, ConflictError) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect(assessment.get_absolute_url())
