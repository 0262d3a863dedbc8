from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """History with diffs and revert, where a revert saves only for users who may change
    the record as it stands now.

    simple-history's revert form only checks view permission before saving, so without
    this a view-only user, or an editor facing a published case, could write through it.
    """

    # simple-history's list, less an inline style the Content-Security-Policy blocks.
    object_history_list_template = "admin/history_list.html"

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            current = self.get_object(request, unquote(object_id))
            if current is None or not self.has_change_permission(request, current):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)
