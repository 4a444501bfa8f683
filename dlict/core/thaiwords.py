"""Where a printed line of Thai may break: between two words, never inside one.

Thai leaves no space between words, so a typesetter must guess where words end. Typst's own
segmenter guesses wrong on compounds and names it has not learnt ("ชุม|พร", "สำนัก|งาน"), so
``mark_word_breaks`` finds the words with PyThaiNLP's dictionary segmenter (newmm) and puts a
zero width space between them; the shared Typst library then keeps every word whole and breaks
only at those marks and at spaces (see ``core/typst/lib.typ``).

The dictionary is PyThaiNLP's, with the office's own words added here and the names that apps
register (``register_words``: the schools app adds Thailand's provinces, districts and
sub-districts), so a place name is never cut in two.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from typing import Any

WORD_BREAK = "\u200b"

# Letters, vowels and tone marks: the runs a word can hide in. Digits, spaces and punctuation
# already separate words, and ๆ and ฯ belong to the word before them, so a line never starts
# with one.
_THAI_RUN = re.compile(r"[\u0e01-\u0e2e\u0e30-\u0e45\u0e47-\u0e4e]+")

# Words of an educational service area office that the general dictionary lacks or splits.
OFFICE_WORDS = (
    "เขตพื้นที่การศึกษา",
    "ประถมศึกษา",
    "มัธยมศึกษา",
    "สพป",
    "สพม",
    "สพฐ",
    "ศธ",
    "ผอ",
    "สมศ",
    "ไอซีที",
    "ทางไกล",
    "ดาวเทียม",
    "กลุ่มเครือข่าย",
    "สถานศึกษา",
    "ราชกิจจานุเบกษา",
)

# Words of the general dictionary whose match splits a more common pair in an office's documents:
# ให้|การปฏิบัติงาน (not ให้การ|ปฏิบัติงาน), ขั้นตอน|ที่ (not ขั้น|ตอนที่), นักเรียน|ต่อ (not
# นัก|เรียนต่อ).
MISLEADING_WORDS = frozenset({"ให้การ", "ตอนที่", "เรียนต่อ"})

_providers: list[Callable[[], Iterable[str]]] = []
_lock = threading.Lock()


def register_words(provider: Callable[[], Iterable[str]]) -> None:
    """Add the words ``provider`` returns (read when the first document is printed) to the
    dictionary: names of places, schools' usual words, whatever an app prints often."""
    with _lock:
        _providers.append(provider)
        _dictionary.cache_clear()
        _words_of.cache_clear()


def _word_set(words: set[str]) -> Any:
    """The dictionary as the segmenter reads it. PyThaiNLP's own Trie takes most of a second to
    build from 70,000 words, which the first document of every process would wait for; the
    segmenter only asks which words start at a place in the text, which a set answers as fast,
    built in a few milliseconds."""
    from pythainlp.util import Trie

    class WordSet(Trie):
        def __init__(self, words: set[str]) -> None:
            self.words = frozenset(words)
            self._word_count = len(self.words)
            self.longest: dict[str, int] = {}
            for word in self.words:
                self.longest[word[0]] = max(self.longest.get(word[0], 0), len(word))

        def prefixes(self, text: str, start: int = 0) -> list[str]:
            if start >= len(text):
                return []
            end = min(len(text), start + self.longest.get(text[start], 0))
            return [text[start:i] for i in range(start + 1, end + 1) if text[start:i] in self.words]

        def __contains__(self, key: object) -> bool:
            return key in self.words

        def __iter__(self) -> Iterator[str]:
            return iter(self.words)

    return WordSet(words)


@lru_cache(maxsize=1)
def _dictionary() -> Any:
    # PyThaiNLP loads its corpus on import: only a process that prints pays for it.
    from pythainlp.corpus.common import thai_words

    words = set(thai_words()) | set(OFFICE_WORDS)
    for provider in _providers:
        words.update(word.strip() for word in provider() if word.strip())
    return _word_set({word for word in words if word} - MISLEADING_WORDS)


# Words that make a noun of the word after them (การประชุม, ความรู้, ผู้จอง): a line breaking
# between the two reads as a word cut in half, so they stay together.
PREFIXES = frozenset({"การ", "ความ", "ผู้"})


@lru_cache(maxsize=20_000)
def _words_of(run: str) -> str:
    from pythainlp.tokenize import word_tokenize

    words: list[str] = []
    glued = False
    for word in word_tokenize(run, custom_dict=_dictionary(), engine="newmm"):
        if glued:
            words[-1] += word
        else:
            words.append(word)
        glued = word in PREFIXES
    return WORD_BREAK.join(words)


def mark_word_breaks(text: str) -> str:
    """``text`` with a zero width space between every two Thai words, and nothing else changed."""
    if not _THAI_RUN.search(text):
        return text
    return _THAI_RUN.sub(lambda match: _words_of(match.group()), text)


def unmark(text: str) -> str:
    """``text`` without the marks ``mark_word_breaks`` put in."""
    return text.replace(WORD_BREAK, "")
