"""Translations: the committed messages.pot is current, every .po reads, compiles and keeps its
placeholders, and Welsh covers every page."""

from __future__ import annotations

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import PYTHON_FORMAT, Catalog, Message
from babel.messages.pofile import PoFileError, read_po, write_po

from feedback_app.vocabulary import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
EXTRACT_ARGS = ["-F", "babel.cfg", "-k", "lazy_gettext", "-k", "_l", "--no-location", "--sort-output", "--omit-header"]
# The console script, not `python -m babel.messages.frontend`: that form exits 0 even when it fails.
PYBABEL = str(Path(sys.executable).with_name("pybabel"))
CATALOGUES = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))


def language_of(path: Path) -> str:
    return path.parent.parent.name


def read_catalogue(path: Path) -> Catalog:
    """The .po as Babel reads it, refusing any line it cannot parse (pybabel itself would skip it)."""
    with path.open("rb") as po_file:
        return read_po(po_file, locale=language_of(path), abort_invalid=True)


def is_translated(message: Message | None) -> bool:
    """A checked translation: every plural form filled in, and not marked fuzzy."""
    if message is None or message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def read_pot() -> Catalog:
    with (TRANSLATIONS / "messages.pot").open("rb") as pot_file:
        return read_po(pot_file)


def test_committed_pot_matches_a_fresh_extraction(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [PYBABEL, "extract", *EXTRACT_ARGS, "-o", str(fresh), "."],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    committed = (TRANSLATIONS / "messages.pot").read_text(encoding="utf-8")
    assert fresh.read_text(encoding="utf-8") == committed, (
        "translations/messages.pot is out of date: run `make extract` and commit the result"
    )


def _names(text: str) -> set[str]:
    return {name for name, _flags, kind in PYTHON_FORMAT.findall(text) if name and kind != "%"}


def _fills_in(text: str, names: set[str]) -> str | None:
    """Why `text % {...}` fails, as a template always formats its strings; None when it works.

    An English text that cannot be filled in itself (a bare "(%)") is only ever used unformatted,
    from Python, so its translation is not formatted either.
    """
    try:
        text % {name: 1 for name in names}
    except (ValueError, TypeError, KeyError) as error:
        return str(error)
    return None


def placeholder_problems(catalog: Catalog) -> list[str]:
    """Each translation whose %(name)s placeholders are broken, unknown or missing.

    Babel's own checkers (`Catalog.check`) catch unknown and mistyped placeholders; a placeholder
    the translation leaves out is not an error to them, but here it loses the number or name the
    person needs, so it is one. Each translation is also filled in once, as the page will.
    """
    problems = [f"{message.id!r}: {error}" for message, errors in catalog.check() for error in errors]
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        plural = isinstance(message.id, tuple)
        msgid = message.id[-1] if plural else message.id
        strings = [s for s in (message.string if plural else (message.string,)) if s]
        wanted = _names(msgid)
        for string in strings:
            got = _names(string)
            if got - wanted:
                problems.append(f"{msgid!r}: unknown placeholder {sorted(got - wanted)} in {string!r}")
            if not plural and wanted - got:
                problems.append(f"{msgid!r}: placeholder {sorted(wanted - got)} missing from {string!r}")
            if "%" not in msgid:
                if "%" in string:
                    problems.append(f"{msgid!r}: a % sign the English does not have, in {string!r}")
                continue
            if _fills_in(msgid, wanted) is None and (error := _fills_in(string, wanted | got)) is not None:
                problems.append(f"{msgid!r}: {string!r} cannot be filled in ({error})")
    return problems


def test_the_placeholder_check_finds_broken_missing_and_unknown_placeholders() -> None:
    catalog = Catalog(locale="cy")
    catalog.add("Question %(number)s of %(total)s", "Cwestiwn %(number)s o %(total)s")
    assert placeholder_problems(catalog) == []
    catalog.add("Preview: %(title)s", "Rhagolwg: %(title)")
    catalog.add("%(done)s of %(total)s questions answered", "%(done)s wedi'u hateb")
    catalog.add("Hello %(name)s", "Helo %(nam)s")
    catalog.add("Start", "Dechrau 100%")
    catalog.add("Agreement (%)", "Cytundeb (%)")  # used from Python unformatted: fine
    found = "\n".join(placeholder_problems(catalog))
    assert "'Preview: %(title)s'" in found and "cannot be filled in" in found
    assert "placeholder ['total'] missing" in found
    assert "unknown placeholder ['nam']" in found or "unknown named placeholder 'nam'" in found
    assert "a % sign the English does not have" in found
    assert "Agreement (%)" not in found


@pytest.mark.parametrize("path", CATALOGUES, ids=language_of)
def test_each_catalogue_reads_cleanly_for_its_language(path: Path) -> None:
    try:
        catalog = read_catalogue(path)
    except PoFileError as error:
        pytest.fail(f"{path.relative_to(ROOT)} cannot be read: {error}")
    assert str(catalog.locale) == language_of(path), f"{path.relative_to(ROOT)} says its language is {catalog.locale}"
    assert not catalog.fuzzy, (
        f"{path.relative_to(ROOT)} is marked fuzzy in its header, so it is never used: remove `#, fuzzy` "
        "above the first msgid once it has been checked"
    )


@pytest.mark.parametrize("path", CATALOGUES, ids=language_of)
def test_no_translation_breaks_or_loses_a_placeholder(path: Path) -> None:
    problems = placeholder_problems(read_catalogue(path))
    assert not problems, f"{path.relative_to(ROOT)}:\n" + "\n".join(problems)


def test_every_catalogue_compiles_as_make_translations_does(tmp_path: Path) -> None:
    offered = {language for language in LANGUAGES if language != "en"}
    assert {language_of(path) for path in CATALOGUES} == offered, "a language the app offers has no .po file"
    for path in CATALOGUES:
        target = tmp_path / language_of(path) / "LC_MESSAGES"
        target.mkdir(parents=True)
        shutil.copy(path, target / "messages.po")
    result = subprocess.run(
        [PYBABEL, "compile", "--statistics", "-d", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, f"pybabel compile failed:\n{result.stderr}"
    for path in CATALOGUES:
        mo_path = tmp_path / language_of(path) / "LC_MESSAGES" / "messages.mo"
        with mo_path.open("rb") as mo_file:
            compiled = gettext.GNUTranslations(mo_file)
        translated = [m for m in read_catalogue(path) if isinstance(m.id, str) and m.id and is_translated(m)]
        for message in translated[:50]:
            assert compiled.gettext(message.id) == message.string, f"{language_of(path)}: {message.id!r} lost"


def test_a_broken_catalogue_does_not_compile(tmp_path: Path) -> None:
    """The check above can fail: pybabel refuses a translation with an unknown placeholder."""
    target = tmp_path / "cy" / "LC_MESSAGES"
    target.mkdir(parents=True)
    catalog = Catalog(locale="cy", fuzzy=False)
    catalog.add("Question %(number)s of %(total)s", "Cwestiwn %(rhif)s o %(total)s")
    with (target / "messages.po").open("wb") as po_file:
        write_po(po_file, catalog)
    result = subprocess.run(
        [PYBABEL, "compile", "-d", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "rhif" in result.stderr


def test_compiled_catalogues_are_built_not_committed() -> None:
    tracked = subprocess.run(["git", "ls-files", "*.mo"], cwd=ROOT, capture_output=True, text=True, check=True)
    assert tracked.stdout == "", f"compiled catalogues are committed: {tracked.stdout}"
    assert "*.mo" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


def test_welsh_covers_every_string_in_the_template() -> None:
    """Welsh councils must offer every page and every bank in Welsh."""
    path = TRANSLATIONS / "cy" / "LC_MESSAGES" / "messages.po"
    assert path.exists(), "there is no Welsh catalogue: pybabel init -i translations/messages.pot -d translations -l cy"
    welsh = read_catalogue(path)
    missing = [
        message.id
        for message in read_pot()
        if message.id and not is_translated(welsh.get(message.id))
    ]
    total = len([message for message in read_pot() if message.id])
    assert not missing, (
        f"{len(missing)} of {total} strings have no checked Welsh translation in {path.relative_to(ROOT)} "
        f"(run `pybabel update -i translations/messages.pot -d translations` first), for example:\n"
        + "\n".join(repr(message) for message in missing[:15])
    )
