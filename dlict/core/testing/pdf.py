"""Reading a PDF back in a test, through poppler-utils (pdfinfo, pdftotext, pdftoppm).

A test that needs a tool poppler does not have on this machine is skipped, not failed.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest


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
