"""Thailand's place names stay whole in printed documents: the schools app registers them with the
word segmenter of dlict.core.thaiwords."""

from dlict.core.thaiwords import WORD_BREAK, mark_word_breaks


def words(text: str) -> list[str]:
    return mark_word_breaks(text).split(WORD_BREAK)


def test_every_province_stays_whole_after_other_words() -> None:
    from dlict.schools.divisions import place_names

    provinces = ["ชุมพร", "เชียงใหม่", "นครศรีธรรมราช", "ประจวบคีรีขันธ์", "แม่ฮ่องสอน"]
    assert set(provinces) <= set(place_names())
    for province in provinces:
        assert province in words(f"สำนักงานเขตพื้นที่การศึกษาประถมศึกษา{province}เขต")
