"""Run an importer from the command line: the same checks as the upload page, all or nothing.

The operator who runs ``manage.py`` on the server is trusted like a national administrator. Every
problem is printed with its row and column and nothing is written when there is one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError
from django.db import transaction

from dlict.core.imports import Importer, ImportRejected, RowError
from dlict.core.scoping import Scope
from dlict.core.tables import FileRejected


class _LocalFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    def open(self, mode: str = "rb") -> IO[bytes]:
        return self.path.open(mode)


@dataclass
class CommandJob:
    """What an importer reads from its job, for a file named on the command line."""

    input_file: _LocalFile
    office: Any
    params: dict[str, Any] = field(default_factory=dict)
    created_by: Any = None
    pk: int | None = None


class _Quiet:
    def update(self, done: int, total: int, message: str = "") -> None:
        """The command prints its outcome only."""


def operator() -> Any:
    """The person at the server's console, with the scope of a national administrator."""
    user = get_user_model()(username="manage.py", is_active=True, is_superuser=True)
    user._dlict_scope = Scope(national=True)  # type: ignore[attr-defined]
    return user


def run_import(
    importer_class: type[Importer], path: str, *, office: Any = None, params: dict[str, Any]
) -> dict[str, Any]:
    """Check the file, then write everything in one transaction; raise CommandError listing every
    problem when there is one."""
    file = Path(path)
    if not file.is_file():
        raise CommandError(f"No such file: {path}")
    job = CommandJob(_LocalFile(file), office=office, params=params, created_by=operator())
    importer = importer_class(job=job)  # type: ignore[arg-type]
    try:
        with transaction.atomic():
            plan, errors, _table = importer.checked_plan(_Quiet())  # type: ignore[arg-type]
            if errors:
                raise ImportRejected(errors)
            return importer.apply_plan(plan, lambda done, total: None)
    except FileRejected as rejected:
        raise CommandError(str(rejected)) from None
    except ImportRejected as rejected:
        raise CommandError(_report(rejected.errors)) from None


def _report(errors: list[RowError]) -> str:
    lines = [f"The file has {len(errors)} problem(s); nothing was written."]
    for error in errors:
        where = f"row {error.row}" if error.row else "file"
        column = f", {error.column}" if error.column else ""
        lines.append(f"  {where}{column}: {error.message}")
    return "\n".join(lines)
