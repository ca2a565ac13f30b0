"""Performance evaluation (9.2, 9.3): the internal audit programme, audits with checklists, findings and reports, and
management reviews whose inputs are compiled from live data."""
