from django import forms
from django.template.loader import render_to_string

from collab_atlas.markdown import render_markdown


class MarkdownTextarea(forms.Textarea):
    """A textarea followed by a preview of the saved text as the public will see it."""

    class Media:
        # Stylesheets, not style attributes: the Content-Security-Policy allows no inline style.
        css = {"all": ["css/admin/markdown-preview.css", "css/admin.css"]}

    def render(self, name, value, attrs=None, renderer=None):
        textarea = super().render(name, value, attrs, renderer)
        return render_to_string(
            "admin/markdown_preview.html",
            {"textarea": textarea, "preview": render_markdown(value), "name": name},
        )
