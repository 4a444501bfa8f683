"""The Thai catalogue is complete and its compiled .mo matches the .po people edit."""

from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[3] / "locale" / "th" / "LC_MESSAGES"


def test_every_string_has_a_thai_translation() -> None:
    po = polib.pofile(str(CATALOGUE / "django.po"))
    assert po.untranslated_entries() == []
    assert po.fuzzy_entries() == []


def test_the_compiled_catalogue_matches_its_source() -> None:
    po = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0)
        for e in polib.pofile(str(CATALOGUE / "django.po"))
        if not e.obsolete
    }
    mo = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0)
        for e in polib.mofile(str(CATALOGUE / "django.mo"))
    }
    assert {k: v for k, v in po.items() if k[1]} == {k: v for k, v in mo.items() if k[1]}
