"""Every catalogue is complete: Vietnamese is what every person reads."""

from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[2] / "src" / "sangtao"
CATALOGUES = sorted(SRC.glob("*/locale/vi/LC_MESSAGES/django.po"))


def _entries(text: str):
    """(msgid, [msgstr, ...], flags) of each entry, for a plain gettext file."""
    entries, current, key, flags = [], None, None, set()
    for line in text.splitlines() + [""]:
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("msgid "):
            if current is not None:
                entries.append(current)
            current, key = {"msgid": "", "msgstr": [], "flags": flags}, "msgid"
            flags = set()
            current["msgid"] += line[6:].strip().strip('"')
        elif line.startswith("msgid_plural"):
            key = "plural"
        elif line.startswith("msgstr"):
            key = "msgstr"
            current["msgstr"].append(line.split(" ", 1)[1].strip().strip('"'))
        elif line.startswith('"') and current is not None:
            if key == "msgid":
                current["msgid"] += line.strip('"')
            elif key == "msgstr":
                current["msgstr"][-1] += line.strip('"')
    if current is not None:
        entries.append(current)
    return entries


def test_every_app_with_templates_has_a_catalogue():
    apps = {p.parent.name for p in SRC.glob("*/apps.py")}
    have = {p.parents[3].name for p in CATALOGUES}
    assert apps - have - {"formats"} == set()


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parents[3].name)
def test_catalogue_is_complete_and_not_fuzzy(path):
    entries = _entries(path.read_text(encoding="utf-8"))
    header = entries[0]
    assert header["msgid"] == ""
    assert "fuzzy" not in header["flags"]
    assert "Plural-Forms: nplurals=1; plural=0;" in header["msgstr"][0]
    untranslated = [e["msgid"] for e in entries[1:] if not all(e["msgstr"])]
    fuzzy = [e["msgid"] for e in entries[1:] if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []
