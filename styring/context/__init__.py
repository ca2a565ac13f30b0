"""The organisation's context (ISO/IEC 42001 4.1–4.3): internal and external issues, interested parties and their
requirements, and the versioned scope of the AI management system."""
