"""Operating and monitoring AI systems (8.1, 9.1; A.6.2.6, A.6.2.8): metrics with thresholds and measurements, drift
and fairness calculators, and the decision and human-oversight event log that AI systems write to."""
