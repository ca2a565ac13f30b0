"""The demo organisation: Nordlys Forsikring AS, a fictional Norwegian insurer.

Pure data, fully deterministic (no randomness, no "today"), so every demo database looks the same. The people,
companies and systems are invented; the product names of well-known vendors are used only to make the register
look like a real one.
"""

from __future__ import annotations

import datetime

D = datetime.date

ORGANISATION = {
    "name": "Nordlys Forsikring AS",
    "slug": "nordlys",
    "default_language": "nb",
    "time_zone": "Europe/Oslo",
}

# The owner is the printed demo login.
OWNER_EMAIL = "ingrid.berg@nordlys.example"
COMPLIANCE_EMAIL = "silje.dahl@nordlys.example"  # the AI governance lead: adopts and maintains the documents

# (e-mail, full name, role). The first entry is the owner; the job title is only a comment.
PEOPLE: list[tuple[str, str, str]] = [
    (OWNER_EMAIL, "Ingrid Berg", "owner"),  # Chief Risk Officer
    ("magnus.holm@nordlys.example", "Magnus Holm", "owner"),  # Chief Executive Officer (top management)
    ("ole.nilsen@nordlys.example", "Ole Nilsen", "admin"),  # Head of IT Operations
    ("silje.dahl@nordlys.example", "Silje Dahl", "admin"),  # Compliance Officer, AI governance lead
    ("kari.johansen@nordlys.example", "Kari Johansen", "manager"),  # Head of Claims
    ("erik.larsen@nordlys.example", "Erik Larsen", "manager"),  # Chief Actuary
    ("nora.solberg@nordlys.example", "Nora Solberg", "manager"),  # Head of Customer Service
    ("henrik.bakke@nordlys.example", "Henrik Bakke", "contributor"),  # Lead Data Scientist
    ("maria.lie@nordlys.example", "Maria Lie", "contributor"),  # Digital Marketing and Sales Lead
    ("jonas.moen@nordlys.example", "Jonas Moen", "contributor"),  # Platform Engineer
    ("camilla.nygaard@nordlys.example", "Camilla Nygaard", "contributor"),  # HR Business Partner
    ("anne.strand@nordlys.example", "Anne Strand", "auditor"),  # Head of Internal Audit
    ("thomas.vik@nordlys.example", "Thomas Vik", "auditor"),  # Internal Auditor
    ("ida.eriksen@nordlys.example", "Ida Eriksen", "viewer"),  # Data Protection Officer
    ("per.aasen@nordlys.example", "Per Aasen", "viewer"),  # Board member
]

# AI systems in the order they are registered. Every key except "created_by" is a field for
# inventory.services.aisystem_create; "owner" and "created_by" are e-mails from PEOPLE (the owner becomes the
# system's owning membership, "created_by" the actor in the change log). Some values are changed later by EDITS.
AI_SYSTEMS: list[dict] = [
    {
        "name": "Claims triage model",
        "created_by": "henrik.bakke@nordlys.example",
        "owner": "kari.johansen@nordlys.example",
        "purpose": "Sorts newly reported property and motor claims into fast-track, standard and complex queues, "
        "so that simple claims are settled quickly and complex ones reach experienced handlers.",
        "description": "Gradient-boosted classifier that scores each claim within minutes of the first notification "
        "of loss, using claim type, amounts, policy history and free-text features. It never decides cover or "
        "payment; claims triage is not a use case listed in Annex III of the EU AI Act.",
        "business_unit": "Claims",
        "lifecycle_stage": "monitoring",
        "sourcing": "in_house",
        "supplier": "",
        "iso_roles": ["producer", "customer"],
        "ai_act_roles": ["provider", "deployer"],
        "models_used": "LightGBM gradient-boosted classifier (v3.2), retrained quarterly",
        "datasets_used": "About 410,000 closed property and motor claims 2019–2025 from the claims system; "
        "policy and customer-tenure data",
        "deployment_context": "Runs in the claims platform on every new claim; the suggested queue is shown to the "
        "team leaders who distribute the work.",
        "affected_persons": "Policyholders and third parties reporting claims; claims handlers",
        "processes_personal_data": True,
        "automation_level": "human_on_the_loop",
        "human_oversight": "Team leaders see the suggested queue with reason codes and can move any claim. Each month "
        "the claims quality team re-checks a sample of 200 fast-tracked claims.",
        "ai_act_class": "minimal",
        "criticality": "high",
        "review_date": D(2027, 3, 15),
    },
    {
        "name": "Life and health insurance pricing model",
        "created_by": OWNER_EMAIL,
        "owner": "erik.larsen@nordlys.example",
        "purpose": "Calculates individual risk premiums for term life, critical illness and private health "
        "insurance from the applicant's health declaration and underwriting data.",
        "description": "Generalised linear tariff models for mortality and morbidity, with a gradient-boosted model "
        "for risk factors the tariffs do not capture. High-risk under the EU AI Act, Annex III point 5(c): risk "
        "assessment and pricing for natural persons in life and health insurance.",
        "business_unit": "Pricing & Actuarial",
        "lifecycle_stage": "operation",
        "sourcing": "in_house",
        "supplier": "",
        "iso_roles": ["provider", "producer", "customer"],
        "ai_act_roles": ["provider", "deployer"],
        "models_used": "GLM tariff models (2024 basis); XGBoost residual model (v1.4)",
        "datasets_used": "Portfolio and claims experience 2010–2025; health declarations; reinsurer mortality and "
        "morbidity tables",
        "deployment_context": "Underwriting workbench and the online sales journey for private life and health "
        "products in Norway.",
        "affected_persons": "Applicants for and holders of life and health insurance",
        "processes_personal_data": True,
        "automation_level": "human_on_the_loop",
        "human_oversight": "Standard-rate offers are issued automatically; every loading, exclusion or decline is "
        "decided by an underwriter. Actuaries review price outcomes monthly for unjustified differences between "
        "groups.",
        "ai_act_class": "high_risk",
        "criticality": "critical",
        "review_date": D(2027, 1, 29),
    },
    {
        "name": "Customer service chatbot",
        "created_by": "nora.solberg@nordlys.example",
        "owner": "nora.solberg@nordlys.example",
        "purpose": "Answers customers' questions about cover, claim status and payments on nordlys.example and in "
        "the app, and hands the conversation to an agent when it cannot help.",
        "description": "Retrieval-augmented assistant built in-house on a hosted large language model, answering "
        "only from approved product and help-centre texts. It tells customers they are talking to an AI and "
        "cannot change policies or claims.",
        "business_unit": "Customer Service",
        "lifecycle_stage": "operation",
        "sourcing": "in_house",
        "supplier": "Microsoft (Azure OpenAI Service)",
        "iso_roles": ["producer", "customer"],
        "ai_act_roles": ["provider", "deployer"],
        "models_used": "GPT-4o via Azure OpenAI Service (EU data zone); multilingual embedding model for retrieval",
        "datasets_used": "Product terms, help-centre articles and approved answer templates; no customer data is "
        "used for training",
        "deployment_context": "Public website and mobile app, in Norwegian and English, around the clock.",
        "affected_persons": "Customers and members of the public",
        "processes_personal_data": True,
        "automation_level": "human_on_the_loop",
        "human_oversight": "Customers can ask for an agent at any time, and the bot hands over on complaints or "
        "uncertainty. Customer service reviews 100 transcripts a week.",
        "ai_act_class": "transparency",
        "criticality": "medium",
        "review_date": D(2027, 2, 26),
    },
    {
        "name": "Microsoft 365 Copilot",
        "created_by": "jonas.moen@nordlys.example",
        "owner": "jonas.moen@nordlys.example",
        "purpose": "Helps office staff draft e-mails and documents, summarise Teams meetings and find internal "
        "information.",
        "description": "Copilot features in Outlook, Word, Excel, PowerPoint and Teams, answering from content "
        "each user already has access to. Started as a pilot for 150 staff in Finance, HR and Customer Service.",
        "business_unit": "IT",
        "lifecycle_stage": "deployment",  # moved to operation by EDITS
        "sourcing": "embedded",
        "supplier": "Microsoft",
        "iso_roles": ["customer"],
        "ai_act_roles": ["deployer"],
        "models_used": "Vendor-hosted large language models (Microsoft 365 Copilot)",
        "datasets_used": "The organisation's own e-mail, documents, chats and meeting transcripts, within existing "
        "access rights",
        "deployment_context": "Microsoft 365 tenant in the EU Data Boundary; sensitivity labels exclude documents "
        "marked Strictly confidential.",
        "affected_persons": "Employees; customers and partners mentioned in internal content",
        "processes_personal_data": True,
        "automation_level": "advisory",
        "human_oversight": "Users check every draft before it is sent or saved; the acceptable-use guideline forbids "
        "using Copilot output for decisions about customers or employees.",
        "ai_act_class": "minimal",
        "criticality": "medium",
        "review_date": D(2027, 2, 26),  # moved by EDITS
    },
    {
        "name": "CV screening service",
        "created_by": "camilla.nygaard@nordlys.example",
        "owner": "camilla.nygaard@nordlys.example",
        "purpose": "Ranks applications for advertised positions against the vacancy's requirements, to help "
        "recruiters draw up shortlists.",
        "description": "Software-as-a-service module in the recruitment portal that parses CVs and scores them "
        "against the job profile. Recruitment and selection is high-risk under the EU AI Act, Annex III point "
        "4(a); Nordlys is the deployer.",
        "business_unit": "HR",
        "lifecycle_stage": "operation",
        "sourcing": "third_party",
        "supplier": "TalentSift Ltd",
        "iso_roles": ["customer"],
        "ai_act_roles": ["deployer"],
        "models_used": "Supplier's proprietary CV-parsing and ranking models",
        "datasets_used": "Applications and CVs submitted through the recruitment portal; job profiles",
        "deployment_context": "Used for all permanent positions advertised externally, about 120 vacancies a year.",
        "affected_persons": "Job applicants",
        "processes_personal_data": True,
        "automation_level": "human_in_the_loop",
        "human_oversight": "Recruiters read every application, not only the top of the ranking, and no applicant is "
        "rejected automatically. HR checks rankings against outcomes twice a year.",
        "ai_act_class": "not_assessed",  # classified high-risk by EDITS
        "criticality": "medium",  # raised by EDITS
        "review_date": D(2027, 1, 15),
    },
    {
        "name": "Claims fraud detection",
        "created_by": OWNER_EMAIL,
        "owner": "kari.johansen@nordlys.example",
        "purpose": "Flags claims with patterns typical of fraud, such as links between parties or unusual timing, "
        "for the special investigations unit.",
        "description": "Nightly anomaly and network analysis over new and updated claims. Fraud detection is not a "
        "high-risk use case under Annex III of the EU AI Act, but a flag can delay a payment, so it is governed "
        "as a high-criticality system.",
        "business_unit": "Claims",
        "lifecycle_stage": "operation",
        "sourcing": "in_house",
        "supplier": "",
        "iso_roles": ["producer", "customer"],
        "ai_act_roles": ["provider", "deployer"],
        "models_used": "Isolation forest anomaly model; graph analysis of shared phone numbers, addresses and bank "
        "accounts",
        "datasets_used": "Claims, payments and parties 2018–2025; confirmed fraud cases from the investigations unit",
        "deployment_context": "Batch job in the data platform; flags appear as tasks in the investigations unit's "
        "case tool.",
        "affected_persons": "Claimants, third parties and repair shops",
        "processes_personal_data": True,
        "automation_level": "human_in_the_loop",
        "human_oversight": "An investigator assesses every flag; a flag alone never stops or reduces a payment. "
        "Flag rates by customer group are reported quarterly.",
        "ai_act_class": "minimal",
        "criticality": "high",
        "review_date": D(2027, 4, 30),
    },
    {
        "name": "Claims document extraction",
        "created_by": "henrik.bakke@nordlys.example",
        "owner": "henrik.bakke@nordlys.example",
        "purpose": "Reads invoices, receipts and police reports attached to claims and pre-fills amounts, dates and "
        "parties in the claim record.",
        "description": "Cloud OCR and document-understanding service called from the claims platform when an "
        "attachment arrives. Saves handlers typing but makes no assessment of the claim.",
        "business_unit": "Claims",
        "lifecycle_stage": "operation",
        "sourcing": "third_party",
        "supplier": "ScanSure AB",
        "iso_roles": ["customer"],
        "ai_act_roles": ["deployer"],
        "models_used": "Supplier's OCR and layout models, with a custom extraction model for Norwegian invoices",
        "datasets_used": "Claim attachments (processed only, not retained by the supplier); 5,000 labelled "
        "invoices for the custom model",
        "deployment_context": "Called by the claims platform through the supplier's API in the EU.",
        "affected_persons": "Claimants; people named in receipts and police reports",
        "processes_personal_data": True,
        "automation_level": "human_in_the_loop",
        "human_oversight": "Handlers confirm every pre-filled field; fields with low confidence are highlighted.",
        "ai_act_class": "minimal",
        "criticality": "medium",
        "review_date": D(2027, 5, 31),
    },
    {
        "name": "Motor damage image assessment",
        "created_by": "kari.johansen@nordlys.example",
        "owner": "kari.johansen@nordlys.example",
        "purpose": "Estimates repair costs from photos of vehicle damage that customers upload when reporting a "
        "motor claim.",
        "description": "Computer-vision service that identifies damaged parts and suggests a repair estimate. In a "
        "pilot with two partner workshops in Bergen before any wider use.",
        "business_unit": "Claims",
        "lifecycle_stage": "testing",
        "sourcing": "third_party",
        "supplier": "AutoVision Ltd",
        "iso_roles": ["customer"],
        "ai_act_roles": ["deployer"],
        "models_used": "Supplier's damage-detection and cost-estimation models",
        "datasets_used": "Customer photos of vehicle damage; workshop invoices from the pilot for comparison",
        "deployment_context": "Pilot in the claims app for motor claims in Vestland only.",
        "affected_persons": "Motor policyholders; people and number plates visible in photos",
        "processes_personal_data": True,
        "automation_level": "human_in_the_loop",
        "human_oversight": "A motor assessor confirms every estimate during the pilot; estimates above NOK 30,000 "
        "always get a physical inspection.",
        "ai_act_class": "minimal",
        "criticality": "medium",
        "review_date": D(2027, 6, 30),
    },
    {
        "name": "Call centre speech analytics",
        "created_by": "nora.solberg@nordlys.example",
        "owner": "nora.solberg@nordlys.example",
        "purpose": "Transcribes recorded customer calls and detects topics and complaints, to find the causes of "
        "repeat calls and improve service.",
        "description": "Speech-to-text and topic detection for the call centre, under evaluation. The supplier's "
        "emotion-detection module must stay off: emotion recognition of employees is prohibited under Article "
        "5(1)(f) of the EU AI Act.",
        "business_unit": "Customer Service",
        "lifecycle_stage": "planning",
        "sourcing": "third_party",
        "supplier": "VoiceInsight Oy",
        "iso_roles": ["customer"],
        "ai_act_roles": ["deployer"],
        "models_used": "Supplier's Norwegian speech-recognition and topic-classification models",
        "datasets_used": "Recorded customer calls (recorded with notice, kept 90 days)",
        "deployment_context": "Planned for the Oslo and Tromsø call centres; data protection impact assessment not "
        "yet done.",
        "affected_persons": "Customers who call; call-centre agents",
        "processes_personal_data": True,
        "automation_level": "advisory",
        "human_oversight": "Reports go to team leaders as aggregated trends; no use for evaluating individual agents.",
        "ai_act_class": "not_assessed",
        "criticality": "medium",
        "review_date": D(2027, 2, 15),
    },
    {
        "name": "Salesforce Einstein lead scoring",
        "created_by": OWNER_EMAIL,
        "owner": "maria.lie@nordlys.example",
        "purpose": "Scores sales leads by their likelihood to buy, so that advisers call the most promising leads "
        "first.",
        "description": "Built-in lead scoring in Sales Cloud, trained by the vendor on Nordlys' own lead and "
        "conversion history. It orders the call list and has no effect on price or acceptance.",
        "business_unit": "Sales",
        "lifecycle_stage": "operation",
        "sourcing": "embedded",
        "supplier": "Salesforce",
        "iso_roles": ["customer"],
        "ai_act_roles": ["deployer"],
        "models_used": "Salesforce Einstein Lead Scoring",
        "datasets_used": "Leads, activities and conversions in Sales Cloud for the last 24 months",
        "deployment_context": "Sales Cloud, used by 40 advisers in the private-customer sales team.",
        "affected_persons": "Prospective customers",
        "processes_personal_data": True,
        "automation_level": "advisory",
        "human_oversight": "Advisers choose which leads to call; the sales manager compares conversion by score "
        "band each quarter.",
        "ai_act_class": "minimal",
        "criticality": "low",
        "review_date": D(2027, 9, 30),
    },
    {
        "name": "GitHub Copilot",
        "created_by": "jonas.moen@nordlys.example",
        "owner": "jonas.moen@nordlys.example",
        "purpose": "Suggests code, tests and explanations to the in-house development teams in their editors.",
        "description": "Copilot Business licences for 35 developers, with public-code matching blocked and prompts "
        "not retained for training. Generated code goes through the normal review and security scanning.",
        "business_unit": "IT",
        "lifecycle_stage": "operation",
        "sourcing": "general_purpose",
        "supplier": "GitHub",
        "iso_roles": ["customer"],
        "ai_act_roles": ["deployer"],
        "models_used": "Vendor-hosted code models (GitHub Copilot Business)",
        "datasets_used": "Source code open in the developer's editor; no production data",
        "deployment_context": "Developer workstations and the internal GitHub organisation.",
        "affected_persons": "Developers; indirectly, users of the software they build",
        "processes_personal_data": False,
        "automation_level": "advisory",
        "human_oversight": "Every change needs an approved pull request and passes static analysis before merging.",
        "ai_act_class": "minimal",
        "criticality": "low",
        "review_date": D(2027, 8, 31),
    },
    {
        "name": "Customer churn prediction",
        "created_by": "henrik.bakke@nordlys.example",
        "owner": "maria.lie@nordlys.example",
        "purpose": "Predicts which private customers are likely to move their insurance at renewal, so that "
        "advisers can contact them in time.",
        "description": "Classifier trained on renewal outcomes, under development by the analytics team. "
        "Predictions will only select customers for a service call; they must not change prices.",
        "business_unit": "Sales",
        "lifecycle_stage": "development",
        "sourcing": "in_house",
        "supplier": "",
        "iso_roles": ["producer", "customer"],
        "ai_act_roles": ["provider", "deployer"],
        "models_used": "Logistic regression baseline and gradient-boosted classifier (candidate)",
        "datasets_used": "Policies, renewals, claims and contact history 2021–2025 for private customers",
        "deployment_context": "Planned as a monthly list in Sales Cloud for the retention team.",
        "affected_persons": "Private customers",
        "processes_personal_data": True,
        "automation_level": "advisory",
        "human_oversight": "Advisers decide whether and how to contact each customer; customers who opted out of "
        "marketing are excluded before scoring.",
        "ai_act_class": "minimal",
        "criticality": "low",
        "review_date": D(2027, 7, 30),
    },
    {
        "name": "Marketing content generator",
        "created_by": "maria.lie@nordlys.example",
        "owner": "maria.lie@nordlys.example",
        "purpose": "Drafts campaign images and copy variants for social media and newsletters.",
        "description": "Generative AI in Adobe's creative tools, used by the marketing team for drafts and "
        "variations. Published synthetic images are labelled as AI-generated.",
        "business_unit": "Marketing",
        "lifecycle_stage": "operation",
        "sourcing": "general_purpose",
        "supplier": "Adobe (Firefly)",
        "iso_roles": ["customer"],
        "ai_act_roles": ["deployer"],
        "models_used": "Adobe Firefly generative models (vendor-hosted)",
        "datasets_used": "Campaign briefs and brand guidelines entered as prompts; no customer data",
        "deployment_context": "Adobe Creative Cloud licences for six people in Marketing.",
        "affected_persons": "The public who see campaigns",
        "processes_personal_data": False,
        "automation_level": "advisory",
        "human_oversight": "The brand team approves everything before it is published; images of real people are "
        "never generated.",
        "ai_act_class": "transparency",
        "criticality": "low",
        "review_date": D(2027, 10, 29),
    },
    {
        "name": "Legacy commercial underwriting model",
        "created_by": OWNER_EMAIL,
        "owner": "erik.larsen@nordlys.example",
        "purpose": "Scored commercial property risks for underwriters with business rules and a regression model.",
        "description": "Rules engine with a logistic regression score, in use from 2014. Replaced by the new "
        "commercial property tariff and withdrawn before the EU AI Act applied; kept in the register until its "
        "archived data is deleted.",
        "business_unit": "Pricing & Actuarial",
        "lifecycle_stage": "operation",  # decommissioned by EDITS
        "sourcing": "in_house",
        "supplier": "",
        "iso_roles": ["producer", "customer"],
        "ai_act_roles": ["provider", "deployer"],
        "models_used": "Business rules and logistic regression score (2014, last recalibrated 2021)",
        "datasets_used": "Commercial property policies and claims 2008–2020",
        "deployment_context": "Underwriting system for commercial property.",
        "affected_persons": "Business customers; underwriters",
        "processes_personal_data": False,
        "automation_level": "human_in_the_loop",
        "human_oversight": "Underwriters made every decision; the score was one input among several.",
        "ai_act_class": "out_of_scope",
        "criticality": "low",
        "review_date": D(2027, 11, 30),
    },
]

# Later changes, so the History tab shows edits: (system name, editor e-mail, reason, changed fields).
EDITS: list[tuple[str, str, str, dict]] = [
    (
        "Microsoft 365 Copilot",
        "jonas.moen@nordlys.example",
        "Pilot evaluated and approved; rolled out to all office staff",
        {"lifecycle_stage": "operation", "review_date": D(2027, 6, 30)},
    ),
    (
        "CV screening service",
        OWNER_EMAIL,
        "Classified as high-risk: EU AI Act Annex III point 4(a), recruitment and selection",
        {"ai_act_class": "high_risk", "criticality": "high"},
    ),
    (
        "Legacy commercial underwriting model",
        "erik.larsen@nordlys.example",
        "Switched off after the new commercial property tariff went live",
        {"lifecycle_stage": "decommissioned"},
    ),
]

# A gap analysis under way against ISO/IEC 42001: (ref, status, maturity, owner e-mail, target date, note).
GAP_ANSWERS = [
    (
        "4.1",
        "largely",
        3,
        "kari.johansen@nordlys.example",
        None,
        "Internal and external issues listed in the 2026 strategy review; AI-specific issues still to be added.",
    ),
    (
        "4.2",
        "partial",
        2,
        "kari.johansen@nordlys.example",
        datetime.date(2027, 2, 28),
        "Regulators and customers covered; employees' and unions' expectations not yet recorded.",
    ),
    (
        "4.3",
        "partial",
        2,
        "ingrid.berg@nordlys.example",
        datetime.date(2027, 1, 31),
        "Draft scope covers Claims and Pricing; decision pending on HR tools.",
    ),
    ("4.4", "not_started", 0, "ingrid.berg@nordlys.example", datetime.date(2027, 3, 31), ""),
    ("5.1", "largely", 3, "ingrid.berg@nordlys.example", None, "AI is a standing item on the executive agenda."),
    (
        "5.2",
        "partial",
        2,
        "silje.dahl@nordlys.example",
        datetime.date(2027, 1, 15),
        "AI policy drafted; awaiting board approval.",
    ),
    ("5.3", "partial", 2, "silje.dahl@nordlys.example", datetime.date(2027, 2, 15), ""),
    (
        "6.1.2",
        "partial",
        2,
        "erik.larsen@nordlys.example",
        datetime.date(2027, 2, 28),
        "Operational-risk method exists; AI-specific likelihood and impact scales missing.",
    ),
    ("6.1.4", "not_started", 0, "erik.larsen@nordlys.example", datetime.date(2027, 4, 30), ""),
    ("7.2", "largely", 3, "silje.dahl@nordlys.example", None, "AI literacy e-learning rolled out to all staff."),
    ("7.5.3", "fully", 4, "silje.dahl@nordlys.example", None, "Document control in the existing ISMS applies."),
    ("9.2.2", "fully", 4, "anne.strand@nordlys.example", None, "Internal audit programme covers the AIMS from 2027."),
    ("A.2.2", "partial", 2, "silje.dahl@nordlys.example", datetime.date(2027, 1, 15), "See 5.2."),
    ("A.3.3", "fully", 4, "silje.dahl@nordlys.example", None, "Whistle-blowing channel extended to AI concerns."),
    ("A.4.3", "partial", 2, "henrik.bakke@nordlys.example", datetime.date(2027, 3, 31), ""),
    ("A.6.2.6", "largely", 3, "henrik.bakke@nordlys.example", None, "Drift monitoring for the claims triage model."),
    (
        "A.6.2.8",
        "partial",
        2,
        "jonas.moen@nordlys.example",
        datetime.date(2027, 2, 28),
        "Event logs kept for in-house models; not yet for supplier systems.",
    ),
    ("A.7.5", "not_started", 0, "henrik.bakke@nordlys.example", datetime.date(2027, 5, 31), ""),
    ("A.8.4", "largely", 3, "nora.solberg@nordlys.example", None, "Incident process shared with GDPR breach handling."),
    ("A.9.4", "partial", 2, "nora.solberg@nordlys.example", datetime.date(2027, 3, 15), ""),
    (
        "A.10.3",
        "partial",
        2,
        "maria.lie@nordlys.example",
        datetime.date(2027, 4, 30),
        "AI questions added to supplier due diligence for new contracts only.",
    ),
]

# Suppliers with their due diligence: (name, country, services, due-diligence status, owner e-mail).
SUPPLIERS = [
    (
        "Microsoft",
        "USA / EU data boundary",
        "Microsoft 365 Copilot; Azure OpenAI Service behind the chatbot",
        "approved_with_conditions",
        "silje.dahl@nordlys.example",
    ),
    (
        "TalentSift Ltd",
        "United Kingdom",
        "CV screening service for recruitment",
        "in_progress",
        "camilla.nygaard@nordlys.example",
    ),
    ("ScanSure AB", "Sweden", "Document extraction for claims attachments", "approved", "henrik.bakke@nordlys.example"),
    (
        "AutoVision Ltd",
        "Ireland",
        "Vehicle damage image data and labelling",
        "not_started",
        "henrik.bakke@nordlys.example",
    ),
    (
        "VoiceInsight Oy",
        "Finland",
        "Speech analytics for the call centre",
        "not_started",
        "nora.solberg@nordlys.example",
    ),
    ("Salesforce", "USA", "CRM with Einstein lead scoring", "approved", "maria.lie@nordlys.example"),
    ("GitHub", "USA", "GitHub Copilot for developers", "approved", "jonas.moen@nordlys.example"),
    (
        "Adobe (Firefly)",
        "USA",
        "Generative images for marketing",
        "approved_with_conditions",
        "maria.lie@nordlys.example",
    ),
]

# EU AI Act assessments made with the questionnaire: (system name, assessor e-mail, answers that differ from
# "nothing applies", note). Other systems keep the class recorded above and show as "recorded, no assessment".
AI_ACT_ASSESSMENTS: list[tuple[str, str, dict, str]] = [
    (
        "Life and health insurance pricing model",
        OWNER_EMAIL,
        {"roles": ["provider", "deployer"], "annex_iii_points": ["Annex III(5)(c)"], "profiling": "yes"},
        "Built in-house and used by our own underwriters; FRIA planned with the DPIA update.",
    ),
    (
        "CV screening service",
        OWNER_EMAIL,
        {"annex_iii_points": ["Annex III(4)(a)"], "profiling": "yes"},
        "Vendor system used as supplied; no retraining or rebranding on our side.",
    ),
    (
        "Customer service chatbot",
        "jonas.moen@nordlys.example",
        {"roles": ["provider", "deployer"], "interacts_with_people": "yes", "generates_content": "yes"},
        "Built on a hosted language model; we put it into service under our own name.",
    ),
    (
        "Microsoft 365 Copilot",
        "jonas.moen@nordlys.example",
        {"interacts_with_people": "yes", "generates_content": "yes"},
        "",
    ),
    (
        "Claims fraud detection",
        "erik.larsen@nordlys.example",
        {"roles": ["provider", "deployer"]},
        "Insurance fraud detection is not an Annex III use; decisions stay with the investigators.",
    ),
]

# Risks copied from the starter library: (library key, AI system it concerns or None, residual (likelihood, impact)
# or None, accepted by e-mail or None).
RISKS: list[tuple[str, str | None, tuple[int, int] | None, str | None]] = [
    ("bias", "Life and health insurance pricing model", (2, 3), None),
    ("drift", "Claims triage model", (2, 2), OWNER_EMAIL),
    ("hallucination", "Customer service chatbot", (3, 3), None),
    ("prompt-injection", "Customer service chatbot", None, None),
    ("privacy-leakage", "Microsoft 365 Copilot", (2, 3), None),
    ("shadow-ai", None, None, None),
]

# Applied controls: (name, Annex A refs, library keys of the risks it treats, implementation status).
APPLIED_CONTROLS: list[tuple[str, list[str], list[str], str]] = [
    ("Fairness testing before each model release", ["A.6.2.4", "A.7.4"], ["bias"], "implemented"),
    ("Monthly model performance and drift review", ["A.6.2.6"], ["drift"], "implemented"),
    (
        "Grounded answers and human escalation in the chatbot",
        ["A.6.2.4", "A.8.2"],
        ["hallucination", "prompt-injection"],
        "in_progress",
    ),
    (
        "Acceptable use of AI tools (policy and training)",
        ["A.2.2", "A.9.2"],
        ["privacy-leakage", "shadow-ai"],
        "implemented",
    ),
]

# Context (4.1–4.3): issues, interested parties and the approved scope. "owner" is an e-mail from PEOPLE; "systems"
# names AI systems above.
CONTEXT_ISSUES: list[dict] = [
    {
        "title": "EU AI Act obligations for high-risk insurance pricing",
        "kind": "external", "category": "legal", "owner": OWNER_EMAIL,
        "description": "Life and health insurance pricing is an Annex III use case; deployer duties apply from 2027.",
        "effect_on_aims": "Drives the FRIA, human oversight and logging controls for the pricing model.",
        "systems": ["Life and health insurance pricing model"],
    },
    {
        "title": "Finanstilsynet expects explainable claims decisions",
        "kind": "external", "category": "legal", "owner": "kari.johansen@nordlys.example",
        "description": "The supervisor has asked insurers how automated claims decisions can be explained.",
        "effect_on_aims": "Explainability is an AI objective; claims models must give reasons to handlers.",
        "systems": ["Claims triage model", "Claims fraud detection"],
    },
    {
        "title": "Scarce machine-learning engineering capacity",
        "kind": "internal", "category": "organisational", "owner": "henrik.bakke@nordlys.example",
        "description": "Three data scientists support all in-house models; monitoring competes with new work.",
        "effect_on_aims": "Monitoring is automated first; new in-house models need a resourcing decision.",
        "systems": [],
    },
    {
        "title": "Staff use of general-purpose AI assistants",
        "kind": "internal", "category": "social", "owner": "silje.dahl@nordlys.example",
        "description": "Copilot-style assistants are used across the company, also outside approved tools.",
        "effect_on_aims": "Acceptable-use rules and AI literacy training are part of the AI policy.",
        "systems": ["Microsoft 365 Copilot", "GitHub Copilot"],
    },
]  # fmt: skip

INTERESTED_PARTIES: list[dict] = [
    {"name": "Policyholders", "party_type": "customers", "influence": "high", "owner": "nora.solberg@nordlys.example",
     "needs": "Fair prices and claims decisions; to know when AI is used and to reach a person.",
     "requirements": "Transparency about AI use; a human review of contested claims decisions.",
     "addressed_by_aims": True, "how_addressed": "AI policy, chatbot disclosure, claims appeal procedure."},
    {"name": "Finanstilsynet (Financial Supervisory Authority of Norway)", "party_type": "regulators",
     "influence": "high", "owner": OWNER_EMAIL,
     "needs": "Sound risk management and explainable automated decisions.",
     "requirements": "EU AI Act deployer obligations; ICT and outsourcing rules.",
     "addressed_by_aims": True, "how_addressed": "Risk register, SoA, incident reporting procedure."},
    {"name": "Employees and union representatives", "party_type": "employees", "influence": "medium",
     "owner": "camilla.nygaard@nordlys.example",
     "needs": "Clear rules for AI at work; no covert monitoring; training.",
     "requirements": "Consultation before AI is used in HR decisions.",
     "addressed_by_aims": True, "how_addressed": "CV screening impact assessment; AI literacy training plan."},
    {"name": "AI and software suppliers", "party_type": "suppliers", "influence": "medium",
     "owner": "ole.nilsen@nordlys.example",
     "needs": "Clear requirements and predictable contracts.",
     "requirements": "", "addressed_by_aims": False, "how_addressed": ""},
]  # fmt: skip

SCOPE_STATEMENT = (
    "The AI management system of Nordlys Forsikring AS covers the development, procurement and use of AI systems in "
    "claims handling, pricing and underwriting, customer service, marketing and internal productivity, at the head "
    "office in Bergen and the Oslo branch."
)
SCOPE_OUT: dict[str, str] = {
    "Legacy commercial underwriting model": "Being decommissioned in 2026; covered by the group's model-risk policy.",
}

NONCONFORMITIES: list[dict] = [
    {"title": "Chatbot answered without the AI disclosure for two days", "source": "incident",
     "owner": "nora.solberg@nordlys.example", "system": "Customer service chatbot", "severity": "minor",
     "description": "A configuration change removed the notice that customers are talking to an AI."},
]  # fmt: skip

# --- governance: who holds the AI roles (role key, holder, system or None), RACI cells, objectives -------------------
ROLE_HOLDERS: list[tuple[str, str, str | None]] = [
    ("aims_owner", OWNER_EMAIL, None),
    ("ai_compliance_officer", COMPLIANCE_EMAIL, None),
    ("ai_system_owner", "kari.johansen@nordlys.example", "Claims triage model"),
    ("ai_system_owner", "erik.larsen@nordlys.example", "Life and health insurance pricing model"),
    ("ai_system_owner", "nora.solberg@nordlys.example", "Customer service chatbot"),
    ("ai_risk_owner", OWNER_EMAIL, None),
    ("data_steward", "henrik.bakke@nordlys.example", None),
    ("human_overseer", "kari.johansen@nordlys.example", "Claims fraud detection"),
]
RACI: list[tuple[str, str, str]] = [
    ("aims_owner", "policy", "A"),
    ("ai_compliance_officer", "policy", "R"),
    ("ai_risk_owner", "risk_assessment", "A"),
    ("ai_compliance_officer", "risk_assessment", "R"),
    ("ai_system_owner", "risk_assessment", "C"),
    ("ai_system_owner", "impact_assessment", "R"),
    ("ai_compliance_officer", "impact_assessment", "A"),
    ("data_steward", "data", "R"),
    ("ai_system_owner", "data", "A"),
    ("ai_system_owner", "monitoring", "A"),
    ("data_steward", "monitoring", "R"),
    ("ai_compliance_officer", "incidents", "A"),
    ("human_overseer", "incidents", "I"),
    ("aims_owner", "management_review", "A"),
    ("ai_compliance_officer", "management_review", "R"),
]
OBJECTIVES: list[dict] = [
    {"title": "Every production AI system has an approved impact assessment", "metric": "Share of systems assessed",
     "unit": "%", "baseline": 20, "target_value": 100, "direction": "increase", "owner": COMPLIANCE_EMAIL,
     "start_date": D(2026, 1, 1), "due_date": D(2027, 6, 30),
     "resources": "Half a compliance analyst; time from each system owner.",
     "evaluation": "Counted from the impact-assessment register at each management review.",
     "readings": [(300, 20), (210, 35), (120, 50), (30, 65)]},
    {"title": "Keep human overrides of claims triage below 10 %", "metric": "Override rate", "unit": "%",
     "baseline": 14, "target_value": 10, "direction": "decrease", "owner": "kari.johansen@nordlys.example",
     "start_date": D(2026, 3, 1), "due_date": D(2027, 3, 1),
     "resources": "Data science time for retraining.",
     "evaluation": "Monthly override rate from the decision log.",
     "readings": [(240, 14), (180, 13.5), (120, 13), (60, 12.8), (10, 12.6)]},
    {"title": "All staff complete the AI awareness course", "metric": "Staff trained", "unit": "%",
     "baseline": 0, "target_value": 95, "direction": "increase", "owner": "camilla.nygaard@nordlys.example",
     "start_date": D(2026, 2, 1), "due_date": D(2026, 12, 31),
     "resources": "E-learning licence; 45 minutes per employee.",
     "evaluation": "Completion report from the learning platform.",
     "readings": [(250, 10), (150, 55), (50, 82), (5, 91)]},
]  # fmt: skip
PLANNED_CHANGE = {
    "title": "Move the customer service chatbot to a new language model",
    "purpose": "The supplier retires the current model version next year.",
    "consequences": "Answers may change in tone and accuracy; the AI disclosure and filters must be re-tested.",
    "resources": "Two sprints of the platform team; a week of testing by customer service.",
    "status": "approved",
    "planned_on": D(2027, 2, 1),
}
COMMUNICATION_PLAN: list[dict] = [
    {"what": "AI policy and how to report a concern", "audience": "All staff", "frequency": "yearly",
     "channel": "Intranet and team meetings", "communicator": COMPLIANCE_EMAIL, "next_due_on": D(2026, 9, 1),
     "done_days_ago": 60},
    {"what": "AI use in claims handling", "audience": "Policyholders", "frequency": "yearly",
     "channel": "Website, privacy notice", "communicator": "nora.solberg@nordlys.example",
     "next_due_on": D(2027, 3, 1), "done_days_ago": None},
    {"what": "Status of the AI management system", "audience": "Board of directors", "frequency": "quarterly",
     "channel": "Board report", "communicator": OWNER_EMAIL, "next_due_on": D(2026, 10, 15), "done_days_ago": 35},
]  # fmt: skip

# --- competence: (name, category, renew every months), what the roles require, what people hold, training ------------
COMPETENCES: list[tuple[str, str, int | None]] = [
    ("AI risk and impact assessment", "risk_impact", 24),
    ("EU AI Act obligations", "legal", 24),
    ("Machine-learning model validation", "ai_engineering", None),
    ("Bias and fairness testing", "ethics", 36),
    ("Internal auditing of management systems", "management_system", 36),
]
ROLE_COMPETENCES: list[tuple[str, str, str]] = [
    ("ai_risk_owner", "AI risk and impact assessment", "expert"),
    ("ai_compliance_officer", "EU AI Act obligations", "expert"),
    ("ai_compliance_officer", "AI risk and impact assessment", "practitioner"),
    ("ai_system_owner", "AI risk and impact assessment", "practitioner"),
    ("ai_system_owner", "EU AI Act obligations", "awareness"),
    ("data_steward", "Machine-learning model validation", "expert"),
    ("data_steward", "Bias and fairness testing", "practitioner"),
]
# (member, competence, level held, evidence type, obtained on)
PERSON_COMPETENCES: list[tuple[str, str, str, str, D]] = [
    (OWNER_EMAIL, "AI risk and impact assessment", "expert", "certificate", D(2025, 11, 3)),
    (COMPLIANCE_EMAIL, "EU AI Act obligations", "expert", "certificate", D(2025, 9, 15)),
    (COMPLIANCE_EMAIL, "AI risk and impact assessment", "practitioner", "training", D(2026, 2, 10)),
    ("kari.johansen@nordlys.example", "AI risk and impact assessment", "practitioner", "training", D(2026, 4, 2)),
    ("kari.johansen@nordlys.example", "EU AI Act obligations", "awareness", "training", D(2026, 4, 2)),
    ("henrik.bakke@nordlys.example", "Machine-learning model validation", "expert", "degree", D(2018, 6, 20)),
    ("erik.larsen@nordlys.example", "AI risk and impact assessment", "awareness", "training", D(2026, 5, 12)),
]
# (member, competence, training title, planned in how many days)
TRAINING: list[tuple[str, str, str, int]] = [
    ("henrik.bakke@nordlys.example", "Bias and fairness testing", "Fairness testing for insurance models", 30),
    ("erik.larsen@nordlys.example", "AI risk and impact assessment", "AI risk assessment workshop", 45),
    ("nora.solberg@nordlys.example", "AI risk and impact assessment", "AI risk assessment workshop", 45),
]

# --- monitoring: metrics with a value per month, oldest first -----------------------------------------------------
METRICS: list[dict] = [
    {"name": "Triage accuracy", "kind": "accuracy", "unit": "%", "system": "Claims triage model",
     "direction": "higher", "warning_threshold": "92", "breach_threshold": "90", "on_breach": "nonconformity",
     "owner": "henrik.bakke@nordlys.example", "frequency": "monthly",
     "values": ["94.1", "94.4", "93.8", "93.9", "94.6", "94.2", "93.5", "93.1", "92.8", "93.3", "93.6", "93.9"]},
    {"name": "Churn model input drift (PSI)", "kind": "drift_psi", "unit": "", "system": "Customer churn prediction",
     "direction": "lower", "warning_threshold": "0.1", "breach_threshold": "0.25", "on_breach": "nothing",
     "owner": "henrik.bakke@nordlys.example", "frequency": "monthly",
     "values": ["0.03", "0.04", "0.04", "0.05", "0.06", "0.08", "0.09", "0.12", "0.15", "0.19", "0.27", "0.22"]},
    {"name": "Pricing model demographic-parity difference", "kind": "demographic_parity", "unit": "",
     "system": "Life and health insurance pricing model", "direction": "lower", "warning_threshold": "0.05",
     "breach_threshold": "0.1", "on_breach": "nonconformity", "owner": "erik.larsen@nordlys.example",
     "frequency": "quarterly", "values": ["0.04", "0.035", "0.041", "0.038"]},
    {"name": "AI incidents per quarter", "kind": "incident_rate", "unit": "incidents", "system": None,
     "direction": "lower", "warning_threshold": "2", "breach_threshold": "4", "on_breach": "nothing",
     "owner": COMPLIANCE_EMAIL, "frequency": "quarterly", "values": ["1", "0", "2", "1"]},
]  # fmt: skip

INCIDENT = {
    "title": "Chatbot showed another customer's claim number",
    "description": "During a chat about a water-damage claim the assistant quoted a claim number that belongs to "
    "a different policyholder.",
    "affected_people": "Two policyholders: the one who saw the number and the one it belongs to.",
    "immediate_actions": "Conversation memory across sessions switched off the same day; transcripts reviewed.",
    "root_cause": "A caching change let the retrieval step reuse context from an earlier session.",
}

AUDIT_PROGRAMME = {
    "title": "Internal audit programme",
    "frequency": "Every clause and the applicable Annex A controls once a year; high-risk systems twice.",
    "methods": "Interviews, document review, sampling of records and decision logs, observation of releases.",
    "responsibilities": "Head of Internal Audit plans and leads; auditors never audit their own area.",
    "criteria": "ISO/IEC 42001:2023, the EU AI Act duties of each system, Nordlys AI policy and procedures.",
    "objectives": "Assurance to the board that the AI management system works as intended before certification.",
}
AUDIT_REQUIREMENTS = ["8.1", "8.2", "8.3", "8.4", "A.6.2.6", "A.6.2.4"]
AUDIT_CONCLUSION = (
    "Operation of the AIMS in claims is largely effective. Risk and impact assessments are current and monitoring "
    "runs as planned. One minor nonconformity: release verification is not always recorded."
)
REVIEW_OUTPUTS = {
    "decisions": "The AIMS remains suitable and effective. Certification audit to be booked for spring.",
    "aims_changes": "Add drift monitoring to all production models; extend the scope to the Oslo branch's tools.",
    "resources": "One additional data scientist for model monitoring from January.",
}
