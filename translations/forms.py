from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from translations.catalogue import Entry


def _example_count(plural, form: int) -> int | None:
    """The smallest count that takes plural form `form`, to tell the translator when it is used."""
    return next((n for n in range(0, 1001) if plural(n) == form), None)


class CorrectionForm(forms.Form):
    """One box for a string, or one per plural form of the language, each written in that language."""

    def __init__(
        self, *args, entry: Entry, language: str, forms_count: int, plural, initial_texts: list[str], **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.names = []
        attrs = {"lang": language, "rows": 3, "spellcheck": "true"}
        if not entry.is_plural:
            self.fields["text"] = forms.CharField(
                label=_("Translation"), widget=forms.Textarea(attrs=attrs), strip=False, initial=initial_texts[0]
            )
            self.names = ["text"]
        else:
            for form in range(forms_count):
                name = f"text_{form}"
                count = _example_count(plural, form)
                self.fields[name] = forms.CharField(
                    label=_("Translation when the number is %(count)s") % {"count": count},
                    widget=forms.Textarea(attrs=attrs),
                    strip=False,
                    initial=initial_texts[form] if form < len(initial_texts) else "",
                )
                self.names.append(name)
        self.helper = FormHelper()
        self.helper.label_size = Size.SMALL
        self.helper.add_input(Submit("save", _("Save correction")))

    def texts(self) -> list[str]:
        return [self.cleaned_data[name] for name in self.names]
