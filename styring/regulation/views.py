from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from styring.core.permissions import Perm
from styring.core.views import OrganisationPage, TenantDeleteView, TenantDetailView, TenantObjectMixin
from styring.inventory.choices import AiActClass
from styring.inventory.models import AISystem

from . import engine
from .display import role_labels, with_links
from .models import Assessment
from .rules import load_rules
from .selectors import catalog_dates
from .services import assessment_delete, assessment_from_answers, latest_assessment
from .timeline import timeline


class OverviewView(OrganisationPage):
    """EU AI Act: when which obligations apply, and to which of the organisation's AI systems."""

    permission_required = Perm.INVENTORY_VIEW
    template_name = "regulation/overview.html"
    section = "regulation:overview"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(title=_("EU AI Act timeline"), milestones=timeline(self.organisation))
        return context


class AssessView(TenantObjectMixin, TemplateView):
    """The guided questionnaire. Every change re-evaluates the rules (htmx swaps the questionnaire; without
    JavaScript the "Update" button does the same), so only the questions that matter are shown and the outcome is
    visible before it is saved."""

    model = AISystem
    lookup_kwarg = "aisystem"
    permission_required = Perm.INVENTORY_CHANGE
    template_name = "regulation/assess.html"
    section = "inventory:aisystem-list"

    def get(self, request, *args, **kwargs):
        system = self.get_object()
        latest = latest_assessment(system)
        if latest is not None:
            answers = dict(latest.answers)
        else:
            answers = {"roles": list(system.ai_act_roles)} if system.ai_act_roles else {}
        return self.render_to_response(self.get_context_data(answers=answers, note=""))

    def post(self, request, *args, **kwargs):
        system = self.get_object()
        answers = self.answers_from(request.POST)
        note = request.POST.get("note", "")[:5000]
        if "save" not in request.POST:
            return self.render_to_response(self.get_context_data(answers=answers, note=note))
        try:
            assessment = assessment_from_answers(system=system, actor=request.user, answers=answers, note=note)
        except ValidationError:
            messages.error(request, _("Answer the questions marked below before saving."))
            context = self.get_context_data(answers=answers, note=note, show_missing=True)
            return self.render_to_response(context, status=422)
        messages.success(
            request,
            _("Assessment saved: %(class)s.") % {"class": AiActClass(assessment.ai_act_class).label},
        )
        return redirect(assessment.get_absolute_url())

    @staticmethod
    def answers_from(data) -> dict:
        answers = {}
        for question in load_rules().questions:
            if question.type == "multi":
                values = data.getlist(question.key)
                if values:
                    answers[question.key] = values
            elif data.get(question.key):
                answers[question.key] = data[question.key]
        return answers

    def get_context_data(self, answers=None, note="", show_missing=False, **kwargs):
        context = super().get_context_data(**kwargs)
        system = self.get_object()
        rules = load_rules()
        evaluation = engine.evaluate(answers or {}, rules)
        missing = set(evaluation.missing)
        sections = []
        for section in rules.sections:
            questions = [
                {
                    "question": question,
                    "text": question.localized("text"),
                    "help": question.localized("help"),
                    "value": evaluation.answers.get(question.key, (answers or {}).get(question.key)),
                    "error": evaluation.errors.get(question.key)
                    or (_("Answer this question.") if show_missing and question.key in missing else ""),
                    "groups": _option_groups(question),
                }
                for question in evaluation.shown
                if question.section == section.key
            ]
            if questions:
                sections.append(
                    {
                        "section": section,
                        "title": section.localized("title"),
                        "intro": section.localized("intro"),
                        "questions": questions,
                    }
                )
        preview = None
        if evaluation.complete:
            dates = catalog_dates(rules.framework)
            preview = {
                "class": evaluation.ai_act_class,
                "class_label": AiActClass(evaluation.ai_act_class).label,
                "fria_required": evaluation.fria_required,
                "reasons": with_links(engine.reasons(evaluation), self.organisation, rules.framework),
                "obligations": with_links(engine.obligations(evaluation, dates), self.organisation, rules.framework),
            }
        context.update(
            title=_("EU AI Act assessment of %(system)s") % {"system": system.name},
            system=system,
            rules=rules,
            sections=sections,
            note=note,
            answered=len(evaluation.shown) - len(missing),
            shown=len(evaluation.shown),
            preview=preview,
            role_labels=role_labels,
        )
        return context


def _option_groups(question) -> list[tuple[str, list[dict]]]:
    """Options grouped under their group heading (Annex III areas), keeping the file's order."""
    groups: list[tuple[str, list[dict]]] = []
    for option in question.options:
        group = option.localized("group") if option.group else ""
        if not groups or groups[-1][0] != group:
            groups.append((group, []))
        # option values that are provisions ("Annex III(4)(a)") are shown beside the label
        ref = option.value if " " in option.value and not option.none else ""
        groups[-1][1].append({"value": option.value, "label": option.localized("label"), "ref": ref})
    return groups


class AssessmentDetailView(TenantDetailView):
    model = Assessment
    lookup_kwarg = "assessment"
    permission_required = Perm.INVENTORY_VIEW
    template_name = "regulation/assessment_detail.html"
    section = "inventory:aisystem-list"

    def get_queryset(self):
        return Assessment.objects.select_related("system", "assessor")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        assessment = context["object"]
        rules = load_rules()
        outcome = engine.localize_outcome(assessment.outcome, rules)
        known = {question.key: question for question in rules.questions}
        answers = []
        for key, value in assessment.answers.items():
            question = known.get(key)
            if question is None:
                answers.append({"text": key, "label": value})
                continue
            try:
                label = engine.answer_label(question, value)
            except KeyError:
                label = value
            answers.append({"text": question.localized("text"), "label": label, "section": question.section})
        context.update(
            title=_("EU AI Act assessment of %(system)s") % {"system": assessment.system.name},
            outcome=outcome,
            reasons=with_links(outcome.get("reasons", []), self.organisation, rules.framework),
            obligations=with_links(outcome.get("obligations", []), self.organisation, rules.framework),
            answers=answers,
            changed=[
                str(AISystem._meta.get_field(name).verbose_name) for name in assessment.changed_since(assessment.system)
            ],
            is_latest=latest_assessment(assessment.system) == assessment,
            role_labels=role_labels,
            rules_are_current=assessment.rules_version == rules.version,
        )
        return context


class AssessmentDeleteView(TenantDeleteView):
    """For an assessment recorded in error; the change log keeps what it said."""

    model = Assessment
    lookup_kwarg = "assessment"
    permission_required = Perm.INVENTORY_DELETE
    section = "inventory:aisystem-list"

    def get_queryset(self):
        return Assessment.objects.select_related("system", "organisation")

    def perform_delete(self, obj, *, reason, expected_version):
        assessment_delete(assessment=obj, actor=self.request.user, reason=reason, expected_version=expected_version)

    def success_url_for(self, obj) -> str:
        return obj.system.get_absolute_url() + "?tab=ai-act"
