import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_env_example_documents_every_environment_variable_the_code_reads():
    used = set()
    for path in (ROOT / "styring").rglob("*.py"):
        used |= set(re.findall(r'"((?:STYRING_[A-Z_]+)|DATABASE_URL)"', path.read_text(encoding="utf-8")))
    documented = set(
        re.findall(r"^#?\s*((?:STYRING_[A-Z_]+)|DATABASE_URL)=", (ROOT / ".env.example").read_text(), re.M)
    )
    assert used - documented == set(), "add these to .env.example"
