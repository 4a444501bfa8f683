from django.contrib import admin
from django.http import HttpRequest

from dlict.core.models import Job

# The audit trail's admin comes from django-auditlog (its LogEntryAdmin shows core.AuditEntry).


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("created_at", "kind", "title", "status", "office", "created_by")
    list_filter = ("status", "kind")
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
