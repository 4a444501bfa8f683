"""Render PDFs from Typst templates kept inside the ``dlict`` package.

A template reads its data with ``json(bytes(sys.inputs.data))``: user text reaches Typst only as
JSON values, which Typst places as plain content, so nothing a user types is ever run as markup.

One compiler is kept per template for the life of the process. Loading the fonts is most of the
cost of a small document, and a kept compiler loads them once (about three times faster than a
fresh compile). Typst sees only the project's fonts, never the system's, so a PDF looks the same
on every machine.

Every string of the data is prepared the same way for every document before Typst sees it:
Thai words are marked so a line breaks between words only (``dlict.core.thaiwords``; a ``Whole``
value, a name, is left in one piece), and the digits of a ``Verbatim`` value are marked so they
print as given. The document's digits (Thai
numerals or Arabic digits) are then set once for all its text, figures and page numbers by
the shared library (``core/typst/lib.typ``).
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

import typst
from django.http import HttpResponse
from django.utils import translation
from django.utils.http import content_disposition_header

from dlict.core.thai import Digits
from dlict.core.thaiwords import mark_word_breaks

P = ParamSpec("P")
T = TypeVar("T")

PACKAGE_DIR = Path(__file__).resolve().parent.parent
FONTS_DIR = PACKAGE_DIR / "core" / "fonts"


class PdfRenderError(RuntimeError):
    """A template failed to compile; the message carries Typst's own diagnostic."""


class Whole(str):
    """Text that is not split into words, so a line breaks only at its spaces: a person's name,
    whose first name and surname the dictionary does not know."""

    __slots__ = ()


class Verbatim(Whole):
    """Text printed exactly as given: an identifier read back into another system (a ministry
    school code) or a web address. Whole, and its digits stay as they are whatever the document's
    digits: a code or an address with its digits rewritten no longer works."""

    __slots__ = ()


class Raw(str):
    """Not text but data a template reads (a photo as SVG): passed to Typst untouched."""

    __slots__ = ()


# Put before each digit run of a Verbatim value; the shared library prints the run as it is and
# drops the mark (lib.typ's ``verbatim-mark``).
VERBATIM_MARK = "\u2063"
_DIGIT_RUN = re.compile(r"[0-9]+")
# A web or e-mail address inside a text (a definition's source, a contact line) keeps its digits
# too, as if given Verbatim.
_ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s\u0e00-\u0e7f]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.ASCII
)


def _keep_digits(text: str) -> str:
    return _DIGIT_RUN.sub(lambda match: VERBATIM_MARK + match.group(), text)


def prepare(value: Any) -> Any:
    """``value`` (the data of a document) with every string ready for Typst."""
    if isinstance(value, Verbatim):
        return _keep_digits(value)
    if isinstance(value, Whole | Raw):
        return str(value)
    if isinstance(value, str):
        return _ADDRESS.sub(lambda match: _keep_digits(match.group()), mark_word_breaks(value))
    if isinstance(value, dict):
        return {key: prepare(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [prepare(item) for item in value]
    return value


class _TemplateCompiler:
    """One Typst compiler for one template, used by one thread at a time."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()
        self.compiler = typst.Compiler(
            str(path),
            root=str(PACKAGE_DIR),
            font_paths=[str(FONTS_DIR)],
            ignore_system_fonts=True,
        )

    def compile(self, data: dict[str, Any], digits: str) -> Any:
        inputs = {"data": json.dumps(data, ensure_ascii=False), "digits": digits}
        # The compiler keeps mutable caches and is not documented as thread-safe.
        with self.lock:
            return self.compiler.compile(sys_inputs=inputs)


_compilers: dict[str, _TemplateCompiler] = {}
_compilers_lock = threading.Lock()


def _template_path(template: str) -> Path:
    path = (PACKAGE_DIR / template).resolve()
    if not path.is_relative_to(PACKAGE_DIR) or path.suffix != ".typ":
        raise PdfRenderError(f"{template}: not a Typst template inside the dlict package")
    if not path.is_file():
        raise PdfRenderError(f"{template}: template not found")
    return path


def _compiler_for(template: str) -> _TemplateCompiler:
    with _compilers_lock:
        compiler = _compilers.get(template)
        if compiler is None:
            compiler = _TemplateCompiler(_template_path(template))
            _compilers[template] = compiler
        return compiler


def thai_document(builder: Callable[P, T]) -> Callable[P, T]:
    """For a function that builds a document's data: the documents are the office's Thai forms
    and reports, so their words are Thai whatever language the person reads the site in (labels
    from the catalogue, choices, the modules' figures)."""

    @functools.wraps(builder)
    def build(*args: P.args, **kwargs: P.kwargs) -> T:
        with translation.override("th"):
            return builder(*args, **kwargs)

    return build


def render_pdf(template: str, data: dict[str, Any], *, digits: str | None = None) -> bytes:
    """Compile ``template`` (a path relative to the ``dlict`` package) with ``data`` to a PDF.

    ``digits`` (a ``Digits`` value, usually the office's ``document_digits``) sets the digits of
    the whole document; without it digits print as the data and the template write them.
    Raises ``PdfRenderError`` with Typst's diagnostic when the template does not compile.
    """
    compiler = _compiler_for(template)
    try:
        pdf = compiler.compile(prepare(data), Digits(digits).value if digits else "")
    except typst.TypstError as error:
        detail = getattr(error, "diagnostic", "") or str(error)
        raise PdfRenderError(f"{template}: {detail.strip()}") from error
    except RuntimeError as error:
        # typst-py raises a bare RuntimeError for file-system problems (a missing import).
        raise PdfRenderError(f"{template}: {error}") from error
    if not isinstance(pdf, bytes):
        raise PdfRenderError(f"{template}: Typst returned no PDF")
    return pdf


def pdf_response(pdf: bytes, filename: str, *, inline: bool = True) -> HttpResponse:
    """An HTTP response carrying ``pdf``, shown in the browser or offered as a download."""
    response = HttpResponse(pdf, content_type="application/pdf")
    # Django's helper quotes the name, so a stray quote or non-ASCII letter cannot break the header.
    disposition = content_disposition_header(not inline, filename)
    response["Content-Disposition"] = disposition or ("inline" if inline else "attachment")
    return response
