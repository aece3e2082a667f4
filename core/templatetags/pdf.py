"""For templates WeasyPrint turns into PDFs: our static files by their file:// address.

A PDF is drawn from a string on the server, with no web address to resolve /static/ against, so
the fonts' stylesheet is handed to WeasyPrint as a file. Used by templates/includes/pdf_fonts.html.
"""

from pathlib import Path

from django import template
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured

register = template.Library()


@register.simple_tag
def pdf_static(path: str) -> str:
    """The file:// URI of a static file, found where collectstatic would find it."""
    found = finders.find(path)
    if not found:
        raise ImproperlyConfigured(f"The static file {path} is missing: PDFs need it.")
    return Path(found).resolve().as_uri()
