"""The map of the schools in a browser that cannot reach the tile server: the schools are still
drawn at their coordinates."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import Page, Route, expect

from dlict.emis.models import SchoolProfile, StudentCount

pytestmark = pytest.mark.browser

Login = Callable[[Page, str], None]


def test_schools_show_on_the_map_without_tiles(
    world: Any, phone: Page, login: Login, live_server: Any
) -> None:
    for index, school in enumerate((world.school_a, world.school_b)):
        school.latitude = Decimal("18.90") + Decimal(index) / 100
        school.longitude = Decimal("98.95")
        school.save(update_fields=["latitude", "longitude"])
        StudentCount.objects.create(
            office=school.office, school=school, academic_year=2568, data_round=1, grade="p1",
            boys=10, girls=12, rooms=1,
        )  # fmt: skip
        SchoolProfile.objects.create(school=school, teachers=3)

    def no_tiles(route: Route) -> None:
        route.abort()

    phone.route("**/tile.openstreetmap.org/**", no_tiles)
    login(phone, "staff_a")
    phone.goto(f"{live_server.url}/emis/map/")
    expect(phone.locator("[data-map-count]")).to_have_text("2")
    expect(phone.locator("[data-map-offline]")).to_be_visible()
    # The schools are circles on the map's canvas, drawn although no tile came.
    canvas = phone.locator(".leaflet-overlay-pane canvas")
    expect(canvas).to_have_count(1)
    drawn = canvas.evaluate(
        """c => {
          const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
          for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true;
          return false;
        }"""
    )
    assert drawn
