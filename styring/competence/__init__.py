"""Resources and competence (7.1, 7.2): competences each AI role needs, people's competences with evidence and
expiry, the gap matrix per role, and the training plan."""
