from styring.core.audit import verify_chain
from styring.demo import data
from styring.demo.loader import load_demo
from styring.inventory.models import AISystem
from styring.regulation.models import Assessment


def test_the_demo_organisation_loads_once_with_assessed_systems_and_an_intact_change_log(db):
    organisation, created = load_demo()
    assert created
    assert AISystem.objects.for_organisation(organisation).count() == len(data.AI_SYSTEMS)
    assessments = Assessment.objects.for_organisation(organisation)
    assert assessments.count() == len(data.AI_ACT_ASSESSMENTS)
    pricing = assessments.get(system__name="Life and health insurance pricing model")
    assert pricing.ai_act_class == "high_risk" and pricing.fria_required
    assert assessments.get(system__name="Customer service chatbot").ai_act_class == "transparency"
    assert all(not assessment.changed_since(assessment.system) for assessment in assessments)
    from styring.controls.models import SoAEntry
    from styring.risks.models import Risk

    risks = Risk.objects.for_organisation(organisation)
    assert risks.count() == len(data.RISKS) and risks.filter(accepted_at__isnull=False).count() == 1
    assert SoAEntry.objects.for_organisation(organisation).exclude(applied_controls=None).exists()
    from styring.documents.models import Acknowledgement, Document

    documents = Document.objects.for_organisation(organisation)
    assert documents.count() == 10 and documents.filter(state="approved").count() == 2
    assert Acknowledgement.objects.for_organisation(organisation).filter(acknowledged_at__isnull=False).count() == 6
    from styring.context.models import ContextIssue, ScopeVersion
    from styring.improvement.models import Nonconformity

    assert ContextIssue.objects.for_organisation(organisation).count() == len(data.CONTEXT_ISSUES)
    scope = ScopeVersion.objects.for_organisation(organisation).get()
    assert scope.status == "approved" and scope.systems.filter(in_scope=False).count() == len(data.SCOPE_OUT)
    nonconformities = Nonconformity.objects.for_organisation(organisation)
    assert nonconformities.get(source="incident").actions.count() == 1
    assert nonconformities.filter(source="audit").count() == 1, "the audit's minor finding raised one"
    from styring.assurance.models import Audit, ManagementReview
    from styring.governance.models import AIRole, Objective
    from styring.incidents.models import Incident
    from styring.operations.models import DecisionEvent, Metric

    assert all(role.assignments.exists() for role in AIRole.objects.for_organisation(organisation))
    assert Objective.objects.for_organisation(organisation).count() == len(data.OBJECTIVES)
    assert Metric.objects.for_organisation(organisation).count() == len(data.METRICS)
    assert DecisionEvent.objects.for_organisation(organisation).count() == 56
    incident = Incident.objects.for_organisation(organisation).get()
    assert incident.gdpr_due_at and incident.notifications.count() == 1
    assert Audit.objects.for_organisation(organisation).get().status == "reported"
    reviews = ManagementReview.objects.for_organisation(organisation).order_by("planned_date")
    assert [review.status for review in reviews] == ["signed", "planned"]
    assert load_demo() == (organisation, False)
    assert verify_chain(organisation).ok
    from styring.core.readiness import readiness

    scores = {step.number: step.score for step in readiness(organisation)}
    assert scores[3] >= 60 and scores[5] >= 50 and scores[6] >= 80, scores
