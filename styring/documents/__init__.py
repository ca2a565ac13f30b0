"""Documented information (7.5): policies, procedures and records with controlled versions, approvals, review dates,
controlled PDF copies, starter documents (5.2, A.2) and acknowledgements by staff (7.3)."""
