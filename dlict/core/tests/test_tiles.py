"""The figure tiles: one tag writes the markup every dashboard and import preview shows."""

from __future__ import annotations

from typing import Any

from django.template import Context, Template


def _render(source: str, **context: Any) -> str:
    return Template("{% load tiles %}" + source).render(Context(context))


def test_a_tile_is_its_figure_over_its_label() -> None:
    html = _render('{% stat n "schools" %}', n="1,234")
    assert html == (
        '<div class="stat"><div class="stat-value">1,234</div>'
        '<div class="stat-label">schools</div></div>'
    )


def test_a_tile_with_an_address_is_a_link_with_its_line_under_the_label() -> None:
    html = _render('{% stat 5 "DLTV schools" href="/schools/?dltv=yes" sub="10%" %}')
    assert html == (
        '<a class="stat" href="/schools/?dltv=yes"><div class="stat-value">5</div>'
        '<div class="stat-label">DLTV schools</div><div class="stat-sub">10%</div></a>'
    )


def test_a_share_of_a_whole_reads_as_part_over_total() -> None:
    html = _render('{% stat 6 "visited" out_of=56 sub=share|percent %}', share=10.714)
    assert '<div class="stat-value">6 / 56</div>' in html
    assert '<div class="stat-sub">10.7%</div>' in html
    assert "stat-sub" not in _render(
        '{% stat 0 "visited" out_of=0 sub=share|percent %}', share=None
    )


def test_a_change_is_signed_and_coloured_by_its_direction() -> None:
    up = _render("{% stat p|change_percent 'since' trend=d %}", p=4.5, d=12)
    assert '<div class="stat-value change-up">+4.5%</div>' in up
    down = _render("{% stat p|change_percent 'since' trend=d %}", p=-4.8, d=-3)
    assert '<div class="stat-value change-down">-4.8%</div>' in down
    none = _render("{% stat p|change_percent 'since' trend=d %}", p=None, d=None)
    assert '<div class="stat-value">–</div>' in none


def test_text_in_a_tile_is_escaped() -> None:
    assert "&lt;b&gt;" in _render("{% stat v 'label' %}", v="<b>")
