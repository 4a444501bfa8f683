"""Thai word boundaries for printed documents: marks between words, never inside one."""

from collections.abc import Iterator

import pytest

from dlict.core import thaiwords
from dlict.core.thaiwords import WORD_BREAK, mark_word_breaks


def words(text: str) -> list[str]:
    return mark_word_breaks(text).split(WORD_BREAK)


def test_marks_are_the_only_change() -> None:
    text = "เพื่อให้การปฏิบัติงานของสำนักงานเขตพื้นที่การศึกษาประถมศึกษาชุมพร เขต 2 (DLTV) ๆ"

    assert mark_word_breaks(text).replace(WORD_BREAK, "") == text


def test_place_and_office_names_stay_whole() -> None:
    found = words("สำนักงานเขตพื้นที่การศึกษาประถมศึกษาชุมพร")

    assert "ชุมพร" in found
    assert "สำนักงาน" in found
    assert "เขตพื้นที่การศึกษา" in found


def test_a_noun_made_with_kan_or_phu_is_one_piece() -> None:
    assert "ผู้จอง" in words("แจ้งเตือนผู้จองทางอีเมล")
    assert "การปฏิบัติงาน" in words("เพื่อให้การปฏิบัติงานเป็นไป")


def test_mai_yamok_and_paiyannoi_never_start_a_piece() -> None:
    for piece in words("ต่างๆ กรุงเทพฯ ทุกๆวัน"):
        assert not piece.startswith(("ๆ", "ฯ"))


def test_text_without_thai_is_left_alone() -> None:
    assert mark_word_breaks("DLTV 12,000.00 https://www.cpn2.go.th") == (
        "DLTV 12,000.00 https://www.cpn2.go.th"
    )


@pytest.fixture
def _own_word() -> Iterator[None]:
    providers = list(thaiwords._providers)
    thaiwords.register_words(lambda: ["ห้วยทรายงาม"])
    yield
    thaiwords._providers[:] = providers
    thaiwords._dictionary.cache_clear()
    thaiwords._words_of.cache_clear()


@pytest.mark.usefixtures("_own_word")
def test_a_registered_word_is_never_split() -> None:
    assert "ห้วยทรายงาม" in words("โรงเรียนบ้านห้วยทรายงามวิทยา")
