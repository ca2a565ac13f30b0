"""Translations: the Norwegian Bokmål, Danish and Simplified Chinese catalogs are used, complete and compiled.

The catalogs live in `styring/locale/<locale>/LC_MESSAGES/django.po` next to their compiled `.mo` files. Regenerate
them with `styring makemessages -l nb -l da -l zh_Hans --ignore "tests/*" --ignore "*/tests/*" --no-obsolete` and
compile with `styring compilemessages` (both from the `styring/` directory).

The completeness test allows a few untranslated strings, so that adding a new string does not block anyone; fuzzy
entries are refused, because Django silently ignores them and they usually carry a wrong guess from msgmerge.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

LOCALE_DIR = Path(__file__).resolve().parents[1] / "styring" / "locale"

# (language code in cookies and <html lang>, locale directory name, plural forms, "AI systems" in that language)
LANGUAGES = [
    ("nb", "nb", 2, "KI-systemer"),
    ("da", "da", 2, "AI-systemer"),
    ("zh-hans", "zh_Hans", 1, "人工智能系统"),
]
LOCALES = [locale for _, locale, _, _ in LANGUAGES]
MIN_TRANSLATED = 0.95

PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]")


# --- a small .po reader ---------------------------------------------------------------------------------------------


def _unquote(text: str) -> str:
    body = text.strip()
    assert body.startswith('"') and body.endswith('"'), f"not a quoted string: {text!r}"
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "r": "\r"}
    return re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), body[1:-1])


def read_po(path: Path) -> list[dict]:
    """Entries of a .po file as dicts: flags, msgid, msgid_plural (or None) and msgstr (a list of forms)."""
    entries: list[dict] = []
    entry: dict | None = None
    field: tuple[str, int] | None = None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if entry is not None and entry["msgid"] is not None:
                entries.append(entry)
            entry, field = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "msgid": None, "msgid_plural": None, "msgstr": {}, "obsolete": False}
        if line.startswith("#~"):
            entry["obsolete"] = True
            continue
        if line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        match = re.match(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(\".*\")$", line)
        if match:
            keyword, index, value = match.group(1), int(match.group(2) or 0), _unquote(match.group(3))
            if keyword == "msgstr":
                entry["msgstr"][index] = value
                field = ("msgstr", index)
            else:
                entry[keyword] = value
                field = (keyword, 0)
        else:
            assert field is not None, f"{path}: unexpected line {raw!r}"
            value = _unquote(line)
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += value
            else:
                entry[field[0]] += value
    for item in entries:
        item["msgstr"] = [item["msgstr"][i] for i in sorted(item["msgstr"])]
    return [item for item in entries if not item["obsolete"]]


def read_mo(data: bytes) -> dict[bytes, bytes]:
    """The original → translation table of a compiled catalog (GNU .mo format)."""
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _revision, count, originals, translations = struct.unpack(order + "4I", data[4:20])

    def string(table: int, index: int) -> bytes:
        length, offset = struct.unpack(order + "2I", data[table + 8 * index : table + 8 * index + 8])
        return data[offset : offset + length]

    return {string(originals, i): string(translations, i) for i in range(count)}


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / "django.po"


# --- the catalogs are used ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("code", "label"), [("en", "AI systems")] + [(code, label) for code, _, _, label in LANGUAGES])
def test_language_cookie_translates_the_navigation(personas, login, code, label):
    client = login(personas.viewer)
    client.cookies["django_language"] = code

    response = client.get("/o/acme/ai-systems/")

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(rf'<html lang="{re.escape(code)}">', html), f"<html lang> is not {code}"
    link = re.search(r'<a class="nav-link" href="/o/acme/ai-systems/"[^>]*>([^<]*)</a>', html)
    assert link, "the navigation has no link to the AI systems"
    assert link.group(1).strip() == label


# --- the catalogs are complete and well-formed ----------------------------------------------------------------------


@pytest.mark.parametrize(("code", "locale", "nplurals", "label"), LANGUAGES)
def test_catalog_is_translated(code, locale, nplurals, label):
    entries = read_po(po_path(locale))
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == "", "the catalog must start with its header"
    assert "fuzzy" not in header["flags"], "a fuzzy header makes gettext ignore the charset and plural forms"
    assert f"Language: {locale}\n" in header["msgstr"][0]
    assert "charset=UTF-8" in header["msgstr"][0]
    assert f"Plural-Forms: nplurals={nplurals};" in header["msgstr"][0]
    assert messages, "the catalog is empty"

    fuzzy = [entry["msgid"] for entry in messages if "fuzzy" in entry["flags"]]
    assert not fuzzy, f"fuzzy entries in {locale} (translate them and remove the flag): {fuzzy}"

    untranslated = [entry["msgid"] for entry in messages if not all(entry["msgstr"])]
    share = 1 - len(untranslated) / len(messages)
    assert share >= MIN_TRANSLATED, (
        f"only {share:.0%} of the {locale} catalog is translated; untranslated: {untranslated}"
    )

    for entry in messages:
        if entry["msgid_plural"] is not None:
            assert len(entry["msgstr"]) == nplurals, f"{locale}: {entry['msgid']!r} needs {nplurals} plural forms"
        originals = set(PLACEHOLDER.findall(entry["msgid"] + (entry["msgid_plural"] or "")))
        for form in filter(None, entry["msgstr"]):
            assert set(PLACEHOLDER.findall(form)) <= originals, f"{locale}: unknown placeholder in {form!r}"
            if entry["msgid_plural"] is None:
                assert set(PLACEHOLDER.findall(form)) == originals, f"{locale}: placeholders differ in {form!r}"


@pytest.mark.parametrize("locale", LOCALES)
def test_compiled_catalog_matches_its_source(locale, tmp_path):
    """The committed .mo is what `msgfmt` makes of the committed .po: nobody forgot `styring compilemessages`.

    The compiled tables are compared rather than the bytes, so a different gettext version cannot fail the test.
    """
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("msgfmt (GNU gettext) is not installed")
    source = po_path(locale)
    committed = source.with_suffix(".mo")
    assert committed.exists(), f"{committed} is missing: run `styring compilemessages`"

    compiled = tmp_path / "django.mo"
    result = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [msgfmt, "--check", "-o", str(compiled), str(source)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"msgfmt --check failed for {locale}:\n{result.stderr}"
    assert read_mo(committed.read_bytes()) == read_mo(compiled.read_bytes()), (
        f"{committed} is out of date: run `styring compilemessages`"
    )
