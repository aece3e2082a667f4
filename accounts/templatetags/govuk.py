"""Render a bound field's widget with GOV.UK classes, for forms not drawn by crispy-forms-gds (allauth's)."""

from django import template
from django.forms import BoundField

register = template.Library()

_CLASS_BY_WIDGET = {
    "checkbox": "govuk-checkboxes__input",
    "select": "govuk-select",
    "textarea": "govuk-textarea",
}


@register.filter
def govuk_widget(field: BoundField):
    css = _CLASS_BY_WIDGET.get(field.widget_type, "govuk-input")
    if field.errors and css != "govuk-checkboxes__input":
        css += f" {css}--error"
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    attrs = {"class": css}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)
