"""Improvement (10.1, 10.2): nonconformities from any source with containment, root-cause analysis, corrective
actions and the effectiveness check that must pass before closure, and the register of improvements."""
