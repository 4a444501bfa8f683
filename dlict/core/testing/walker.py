"""The scoping walker: every URL pattern of the site, opened by people who must not see the data.

Each app lists, in ``dlict/<app>/tests/scoping_cases.py``, how to fill the arguments of its URL
patterns with objects that a given person must not reach (``CASES``), which patterns anyone may
open (``PUBLIC``), and extra query strings to try on list pages (``LIST_QUERIES``). The walker
fails on a pattern that no app describes, so a new URL cannot slip past it.
"""

from __future__ import annotations

import importlib
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.http import HttpResponse
from django.urls import URLPattern, URLResolver, get_resolver, reverse

Kwargs = dict[str, Any]


@dataclass(frozen=True)
class Case:
    """How to fill a pattern's arguments.

    ``own``: arguments the ``owner`` persona may open (the walker checks they do, so a broken URL
    cannot pass as a safe one). ``foreign``: for a persona name, the arguments of objects that
    persona must not reach.
    """

    own: Callable[[Any], Kwargs]
    foreign: Callable[[Any, str], list[Kwargs]]
    owner: str = "staff_a"
    own_status: int = 200
    own_method: str = "GET"


@dataclass(frozen=True)
class Fixed:
    """A pattern whose arguments name no object (a file format, say): walked like a list page."""

    kwargs: Callable[[Any], Kwargs]
    queries: Callable[[Any], list[Kwargs]] = field(default=lambda world: [])


@dataclass(frozen=True)
class Pattern:
    name: str  # empty for unnamed patterns (the admin has a few redirects)
    route: str
    keys: tuple[str, ...]
    namespace: str = ""

    @property
    def label(self) -> str:
        return self.name or f"{self.namespace}:<{self.route}>"

    def url(self, kwargs: Kwargs) -> str:
        if self.name:
            return reverse(self.name, kwargs=kwargs)
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(kwargs[m.group(1)]), self.route)
        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(kwargs[m.group(1)]), path)
        return "/" + path.lstrip("^").rstrip("$")


def _walk(patterns: list[Any], namespace: str = "", prefix: str = "") -> Iterator[Pattern]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, inner, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            keys = tuple(entry.pattern.regex.groupindex)
            name = ""
            if entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield Pattern(name, prefix + str(entry.pattern), keys, namespace)


def all_patterns() -> list[Pattern]:
    return list(_walk(get_resolver().url_patterns))


@dataclass
class Registry:
    cases: dict[str, Case | Fixed] = field(default_factory=dict)
    public: set[str] = field(default_factory=set)
    list_queries: dict[str, Callable[[Any], list[Kwargs]]] = field(default_factory=dict)


def load_registry() -> Registry:
    registry = Registry()
    for config in apps.get_app_configs():
        if not config.name.startswith("dlict."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.tests.scoping_cases")
        except ModuleNotFoundError:
            continue
        registry.cases.update(getattr(module, "CASES", {}))
        registry.public.update(getattr(module, "PUBLIC", set()))
        registry.list_queries.update(getattr(module, "LIST_QUERIES", {}))
    return registry


def response_text(response: HttpResponse) -> str:
    """Everything a person could read in a response, XLSX cells included."""
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    else:
        content = response.content
    if content.startswith(b"PK\x03\x04"):
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            str(value)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        )
    return content.decode("utf-8", errors="replace")
