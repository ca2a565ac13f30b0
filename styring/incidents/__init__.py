"""AI incidents (A.8.4): recording, triage, the EU AI Act Art. 73 and GDPR Art. 33 reporting clocks, notifications to
authorities and affected people, root cause and the link to corrective action."""
