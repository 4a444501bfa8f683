"""Reading a PDF back in a test, through poppler-utils (pdfinfo, pdftotext, pdftoppm), and the
checks every app's PDF tests share: words whole at the ends of lines, one kind of digits, no page
holding a lone line. They read the PDF's text layer, as a person searching or copying it does.

A test that needs a tool poppler does not have on this machine is skipped, not failed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from itertools import accumulate, pairwise
from pathlib import Path

import pytest

from dlict.core.thaiwords import WORD_BREAK, mark_word_breaks

_THAI_TAIL = re.compile(r"[\u0e01-\u0e4f]+$")
_THAI_HEAD = re.compile(r"^[\u0e01-\u0e4f]+")
_PAGE_NUMBER = re.compile(r"^–\s*\S+\s*–$")
_DIGITS = {"thai": re.compile(r"[0-9]+"), "arabic": re.compile(r"[๐-๙]+")}


def require(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} (poppler-utils) is not installed")


def run(*args: str) -> str:
    # Fixed poppler commands on files the test wrote.
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout  # noqa: S603


def page_count(path: Path) -> int:
    require("pdfinfo")
    match = re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(path)), re.MULTILINE)
    assert match, "pdfinfo printed no page count"  # noqa: S101 - a test helper
    return int(match.group(1))


def text_of(path: Path, first: int | None = None, last: int | None = None) -> str:
    require("pdftotext")
    pages = [*(["-f", str(first)] if first else []), *(["-l", str(last)] if last else [])]
    return run("pdftotext", "-enc", "UTF-8", *pages, str(path), "-")


def pdf_text(path: Path, *, layout: bool = False) -> str:
    """The text of the PDF at ``path``, its pages parted by form feeds."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"]
    # A fixed poppler command on a file the test wrote.
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout  # noqa: S603


def words_cut_at_line_ends(text: str) -> list[str]:
    """Each place where a line of ``text`` ends inside a Thai word, as "left|right": the line ends
    on Thai, the next starts on Thai, and the word segmenter puts no boundary between them."""
    lines = [line.strip() for line in text.splitlines()]
    cuts = []
    for line, following in pairwise(lines):
        tail, head = _THAI_TAIL.search(line), _THAI_HEAD.match(following)
        if tail is None or head is None:
            continue
        words = mark_word_breaks(tail.group() + head.group()).split(WORD_BREAK)
        if len(tail.group()) not in set(accumulate(len(word) for word in words)):
            cuts.append(f"{tail.group()}|{head.group()}")
    return cuts


def foreign_digits(text: str, digits: str, *, identifiers: tuple[str, ...] = ()) -> list[str]:
    """The digit runs of ``text`` of the other kind than ``digits`` ("thai" or "arabic"), with
    their line, leaving out the ``identifiers`` that keep their own digits."""
    found = []
    for line in text.splitlines():
        rest = line
        for identifier in identifiers:
            rest = rest.replace(identifier, "")
        found += [
            f"{match.group()} in {line.strip()!r}" for match in _DIGITS[digits].finditer(rest)
        ]
    return found


def lonely_pages(path: Path) -> list[int]:
    """The pages (numbered from 1) whose text, less the page number and the lines repeated on
    most pages (a print date in the footer), is a single line."""
    pages = [
        [line.strip() for line in page.splitlines() if line.strip()]
        for page in pdf_text(path, layout=True).split("\f")
    ]
    pages = pages[:-1] if pages and not pages[-1] else pages
    running = {
        line
        for page in pages
        for line in page
        if len(pages) > 2 and sum(line in other for other in pages) > len(pages) / 2
    }
    return [
        number
        for number, page in enumerate(pages, start=1)
        if len([line for line in page if line not in running and not _PAGE_NUMBER.match(line)]) == 1
    ]
