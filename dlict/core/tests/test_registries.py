"""The registries core offers the apps: demo parts and reference data."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from dlict.core import demo


def _part(name: str, *after: str) -> demo.DemoPart:
    return demo.DemoPart(
        name=name, load=lambda: None, loaded=lambda: False, message="", after=after
    )


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> list[demo.DemoPart]:
    parts: list[demo.DemoPart] = []
    monkeypatch.setattr(demo, "_PARTS", parts)
    return parts


def test_a_part_comes_after_what_it_needs_and_otherwise_in_the_order_registered(
    registry: list[demo.DemoPart],
) -> None:
    for part in (
        _part("accounts", "schools"),
        _part("schools"),
        _part("visits", "accounts", "dltv"),
        _part("emis", "schools"),
        _part("dltv", "schools"),
    ):
        demo.register(part)
    assert [p.name for p in demo.parts()] == ["schools", "accounts", "emis", "dltv", "visits"]


def test_a_part_needing_what_no_app_registered_is_refused(registry: list[demo.DemoPart]) -> None:
    demo.register(_part("visits", "dltv"))
    with pytest.raises(ImproperlyConfigured, match="dltv"):
        demo.parts()


def test_parts_waiting_for_each_other_are_refused(registry: list[demo.DemoPart]) -> None:
    demo.register(_part("a", "b"))
    demo.register(_part("b", "a"))
    with pytest.raises(ImproperlyConfigured, match="wait for each other"):
        demo.parts()


def test_two_parts_of_one_name_are_refused(registry: list[demo.DemoPart]) -> None:
    demo.register(_part("dltv"))
    demo.register(registry[0])  # registering the same part again is harmless
    with pytest.raises(ImproperlyConfigured):
        demo.register(_part("dltv", "schools"))


def test_every_installed_app_registers_its_part_in_a_loadable_order() -> None:
    names = [part.name for part in demo.parts()]
    assert names[:2] == ["schools", "accounts"]
    assert {"processes", "emis", "dltv", "supervision"} <= set(names)


def test_each_app_registers_its_reference_data_in_the_order_of_the_apps() -> None:
    from dlict.core import reference

    apps = [loader.__module__.split(".")[1] for loader in reference._LOADERS]
    assert apps == sorted(apps, key=["schools", "processes", "dltv", "supervision"].index)
    assert set(apps) == {"schools", "processes", "dltv", "supervision"}
