"""The frame every import follows: read, check every row, preview, then write all or nothing.

An importer declares its columns and how to check one row and how to write a checked plan; the
frame finds the header row, maps columns by their names (not their positions), collects every error
with its row and column, and runs as a two-stage background job (check → confirm → apply).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any, ClassVar

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from dlict.core.jobs import JobOutcome, JobTakenBack, job_settle
from dlict.core.models import Job
from dlict.core.progress import Progress
from dlict.core.scoping import can
from dlict.core.tables import FileRejected, Table, normalize_header, read_table

MAX_REPORTED_ERRORS = 500


@dataclass(frozen=True)
class Column:
    key: str
    # The heading we write in exports and name in messages; through the catalogue (a lazy
    # string), it is recognised in every language, so a file exported in English reads back.
    label: str | Promise
    aliases: tuple[str, ...] = ()
    required: bool = False

    def names(self) -> set[str]:
        labels = [str(self.label)]
        if isinstance(self.label, Promise):
            for language, _name in settings.LANGUAGES:
                with translation.override(language):
                    labels.append(str(self.label))
        return {normalize_header(name) for name in (*labels, self.key, *self.aliases)}


@dataclass
class RowError:
    row: int
    column: str
    message: str


class ImportRejected(Exception):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(f"{len(errors)} errors")
        self.errors = errors


@dataclass
class Row:
    """One data row, with its cells looked up by column key."""

    number: int
    cells: dict[str, str]
    headings: dict[str, str]  # column key → the heading as written in the file
    errors: list[RowError] = field(default_factory=list)

    def has(self, key: str) -> bool:
        return key in self.cells

    def get(self, key: str) -> str:
        return self.cells.get(key, "")

    def error(self, key: str, message: str) -> None:
        self.errors.append(RowError(self.number, self.headings.get(key, key), message))


class Importer(ABC):
    """Subclasses set ``kind``, ``columns`` and implement the three abstract methods."""

    kind: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]
    template: ClassVar[str]  # the preview and summary on the job page
    upload_url_name: ClassVar[str]  # where a corrected file is uploaded
    permission: ClassVar[str]  # what the person who started the job must still hold, in its office

    def __init__(self, *, job: Job) -> None:
        self.job = job
        self.office: Any = job.office  # every import job belongs to an office
        self.user = job.created_by

    # -- reading ----------------------------------------------------------------------------
    def _match(self, headers: list[str]) -> dict[int, Column]:
        found: dict[int, Column] = {}
        taken: set[str] = set()
        names = {column.key: column.names() for column in self.columns}
        for index, heading in enumerate(headers):
            name = normalize_header(heading)
            for column in self.columns:
                if column.key not in taken and name and name in names[column.key]:
                    found[index] = column
                    taken.add(column.key)
                    break
        return found

    def _is_header(self, cells: list[str]) -> bool:
        return len(self._match(cells)) >= 2

    def read(self, handle: Any) -> tuple[Table, list[Row]]:
        required = ", ".join(f"“{c.label}”" for c in self.columns if c.required)
        table = read_table(
            handle,
            max_bytes=settings.DLICT_IMPORT_MAX_BYTES,
            is_header=self._is_header,
            expected_columns=required,
        )
        table = self.prepare_table(table)
        mapping = self._match(table.headers)
        present = {column.key for column in mapping.values()}
        missing = [c for c in self.columns if c.required and c.key not in present]
        if missing:
            raise ImportRejected(
                [
                    RowError(
                        table.header_row,
                        str(column.label),
                        _("The column “%(column)s” is missing from the header row.")
                        % {"column": column.label},
                    )
                    for column in missing
                ]
            )
        headings = {
            column.key: f"{table.headers[index]} ({table.column_letter(index)})"
            for index, column in mapping.items()
        }
        rows = [
            Row(
                number=number,
                cells={
                    column.key: cells[index].strip() if index < len(cells) else ""
                    for index, column in mapping.items()
                },
                headings=headings,
            )
            for number, cells in table.rows
        ]
        if not rows:
            raise FileRejected(_("The file has a header row but no data rows."))
        return table, rows

    def prepare_table(self, table: Table) -> Table:
        """A chance to reshape the table before columns are matched (headers on two rows)."""
        return table

    # -- the two stages ---------------------------------------------------------------------
    @abstractmethod
    def check_rows(self, rows: list[Row], progress: Callable[[int], None]) -> Any:
        """Check every row; record problems with ``row.error``; return the plan to write."""

    @abstractmethod
    def preview(self, plan: Any) -> dict[str, Any]:
        """What the user sees before confirming: counts (``total_changes`` among them) and a
        sample of the changes."""

    @abstractmethod
    def apply_plan(self, plan: Any, progress: Callable[[int, int], None]) -> dict[str, Any]:
        """Write the plan, reporting ``progress(done, total)``; runs inside one transaction.
        Returns the summary to show."""

    def checked_plan(self, progress: Progress) -> tuple[Any, list[RowError], Table]:
        with self.job.input_file.open("rb") as handle:
            table, rows = self.read(handle)
        total = len(rows)
        plan = self.check_rows(rows, lambda done: progress.update(done, total, _("Checking rows")))
        errors = [error for row in rows for error in row.errors]
        return plan, errors, table


def _report(errors: list[RowError]) -> dict[str, Any]:
    return {
        "error_count": len(errors),
        "errors": [asdict(error) for error in errors[:MAX_REPORTED_ERRORS]],
    }


class ImportJobHandler:
    """Runs an importer as a job: ``check`` ends waiting for confirmation, ``apply`` writes."""

    def __init__(self, importer_class: type[Importer]) -> None:
        self.importer_class = importer_class
        self.template = importer_class.template
        self.upload_url_name = importer_class.upload_url_name

    def run(self, job: Job, progress: Progress) -> JobOutcome:
        importer = self.importer_class(job=job)
        # Checked at every stage, not only when the file was uploaded: a role can be taken away
        # while a preview waits for confirmation.
        if not can(job.created_by, importer.permission, office_id=job.office_id):
            refusal = _("You may no longer import into this office.")
            return JobOutcome(Job.Status.REJECTED, _report([RowError(0, "", refusal)]))
        try:
            if job.stage == Job.Stage.APPLY:
                return self._apply(importer, progress)
            return self._check(importer, progress)
        except FileRejected as rejected:
            return JobOutcome(Job.Status.REJECTED, _report([RowError(0, "", str(rejected))]))
        except ImportRejected as rejected:
            return JobOutcome(Job.Status.REJECTED, _report(rejected.errors))

    def _check(self, importer: Importer, progress: Progress) -> JobOutcome:
        plan, errors, table = importer.checked_plan(progress)
        if errors:
            raise ImportRejected(errors)
        preview = importer.preview(plan)
        preview["source"] = table.source
        return JobOutcome(Job.Status.WAITING, {"preview": preview})

    def _apply(self, importer: Importer, progress: Progress) -> JobOutcome:
        job = importer.job
        with transaction.atomic():
            # Held until the end: on PostgreSQL the row lock tells the recovery of stopped
            # workers that this run is alive (on SQLite the write lock, taken at BEGIN, does).
            Job.objects.select_for_update().filter(pk=job.pk).values_list("pk").get()
            # Check again: the registry may have changed since the preview.
            plan, errors, _table = importer.checked_plan(progress)
            if errors:
                raise ImportRejected(errors)
            summary = importer.apply_plan(
                plan, lambda done, total: progress.update(done, total, _("Saving"))
            )
            outcome = JobOutcome(Job.Status.SUCCEEDED, {"summary": summary})
            # The rows and the job's "done" commit together: a worker that dies after this
            # leaves no running job, so the import is never applied a second time.
            if not job_settle(job, outcome):
                raise JobTakenBack
        return outcome
