"""Roles and what each may do. The one table of permissions in the project."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("National administrator")
    OFFICE_ADMIN = "office_admin", _("Office administrator")
    OFFICE_STAFF = "office_staff", _("Office staff")
    # The office's director (ผู้อำนวยการเขต); a school's director is another word in Thai.
    DIRECTOR = "director", pgettext_lazy("office role", "Director")
    SUPERVISOR = "supervisor", _("Supervisor")
    SCHOOL_COORDINATOR = "school_coordinator", _("School coordinator")
    TEACHER = "teacher", _("Teacher")


OFFICE_ROLES = frozenset({Role.OFFICE_ADMIN, Role.OFFICE_STAFF, Role.DIRECTOR, Role.SUPERVISOR})
SCHOOL_ROLES = frozenset({Role.SCHOOL_COORDINATOR, Role.TEACHER})

_READ = {"schools.view", "schools.export", "emis.view", "dltv.view"}
_KEEP_REGISTRY = {"schools.change", "schools.import", "emis.import", "jobs.view", "dltv.change"}
# A school's DLTV coordinator records its use; office staff may record for any of its schools.
_RECORD_DLTV = {"dltv.view", "dltv.record"}
# Supervisors and the group's staff visit DLTV schools and record what they observe.
_SUPERVISE_DLTV = {"dltv.supervise"}
# The yearly projects of the manual's processes: office roles read them, staff run them and the
# director decides on their plans.
_READ_PROJECTS = {"processes.view"}
_RUN_PROJECTS = {"processes.view", "processes.change"}

# The office's administrator runs the office: its people (accounts, roles, set-password links) and
# its settings (names and numbers on documents, logo, letterhead, holidays).
_RUN_OFFICE = {"accounts.manage", "schools.settings"}
# Who acts for the director, and when, is named by the director or the office's administrator.
_NAME_ACTING = {"accounts.acting"}

# Permissions a role grants within its office or school. National administrators hold all of them
# everywhere and are not listed.
PERMISSIONS: dict[str, frozenset[str]] = {
    Role.OFFICE_ADMIN: frozenset(
        _READ | _KEEP_REGISTRY | _RUN_PROJECTS | _RUN_OFFICE | _NAME_ACTING | {"audit.view"}
    ),
    Role.OFFICE_STAFF: frozenset(
        _READ | _KEEP_REGISTRY | _RUN_PROJECTS | _RECORD_DLTV | _SUPERVISE_DLTV
    ),
    Role.DIRECTOR: frozenset(_READ | _READ_PROJECTS | _NAME_ACTING | {"processes.approve"}),
    Role.SUPERVISOR: frozenset(_READ | _READ_PROJECTS | _SUPERVISE_DLTV),
    Role.SCHOOL_COORDINATOR: frozenset({"schools.view", "emis.view"} | _RECORD_DLTV),
    Role.TEACHER: frozenset({"schools.view", "emis.view"}),
}


def role_grants(role: str, permission: str) -> bool:
    return permission in PERMISSIONS.get(role, frozenset())
