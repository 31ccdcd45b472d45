from django.contrib import admin

from .models import Attachment, Initiative, InitiativeAuthor


class AuthorInline(admin.TabularInline):
    model = InitiativeAuthor
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    """Read-mostly: states change only through the services, never by editing here."""

    list_display = ["title", "kind", "unit", "state", "created_at"]
    list_filter = ["state", "kind"]
    search_fields = ["title"]
    list_select_related = ["unit"]
    readonly_fields = ["state", "public_id", "created_by", "appraisal_unit", "submitted_at"]
    autocomplete_fields = ["unit"]
    inlines = [AuthorInline, AttachmentInline]
