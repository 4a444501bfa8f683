"""Finding English left in a Thai page."""

import re
from html.parser import HTMLParser

# Words that stay in Latin letters in Thai text: names of things, file types, units.
LATIN_ALLOWED = frozenset(
    {
        "DLICT", "Office", "DL", "DLTV", "DLIT", "ICT", "API", "PDF", "XLSX", "CSV", "DMC",
        "SMIS", "OBEC", "MB", "JPG", "PNG", "Word", "Excel", "PowerPoint", "English", "Ku",
        "IRD", "TV", "UTF", "TIS", "Bearer", "OpenStreetMap",
    }
)  # fmt: skip
_WORD = re.compile(r"[A-Za-z][A-Za-z’']+")
_READ_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt", "data-confirm")


class _Reader(HTMLParser):
    """The text of the page's <main> a person reads, attributes they read included."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside <main>
        self.hidden = 0  # inside <script>, <style>
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "main":
            self.depth += 1
        if tag in ("script", "style"):
            self.hidden += 1
        if self.depth:
            self.texts += [v for k, v in attrs if k in _READ_ATTRIBUTES and v]

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.depth -= 1
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.hidden and data.strip():
            self.texts.append(data.strip())


def english_in(html: str, *, allowed: frozenset[str] = frozenset()) -> list[str]:
    """The bits of the page's main content that hold English words."""
    reader = _Reader()
    reader.feed(html)
    return [
        text
        for text in reader.texts
        if any(word not in LATIN_ALLOWED and word not in allowed for word in _WORD.findall(text))
    ]
