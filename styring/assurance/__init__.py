"""Performance evaluation and improvement (9.2, 9.3, 10): the internal audit programme and audits with findings,
management reviews compiled from live data, nonconformities with corrective actions, and the improvement register."""
