from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import permission_required
from core.errors import DomainError
from translations import selectors, services
from translations.catalogue import catalogue
from translations.checks import REVIEW_NOTE
from translations.forms import CorrectionForm

PAGE_SIZE = 50


def _language(code: str) -> dict:
    if code not in {language["code"] for language in selectors.languages()}:
        raise Http404
    return {"code": code, "name": get_language_info(code)["name_local"]}


@permission_required("translations.correct")
def languages(request):
    return render(request, "translations/languages.html", {"languages": selectors.languages()})


@permission_required("translations.correct")
def entries(request, language: str):
    language = _language(language)
    search = request.GET.get("q", "")[:200]
    corrected_only = request.GET.get("corrected") == "1"
    page = Paginator(selectors.rows(language["code"], search=search, corrected_only=corrected_only), PAGE_SIZE)
    header = catalogue(language["code"]).header
    return render(
        request,
        "translations/entries.html",
        {
            "language": language,
            "page": page.get_page(request.GET.get("page")),
            "search": search,
            "corrected_only": corrected_only,
            "awaiting_review": REVIEW_NOTE in header,
            "stale": selectors.stale_corrections(language["code"]),
        },
    )


@permission_required("translations.correct")
def entry(request, language: str, key: str):
    language = _language(language)
    row = selectors.row(language["code"], key)
    if row is None:
        raise Http404
    shipped = catalogue(language["code"])
    current = (
        (row.correction.plural_texts if row.entry.is_plural else [row.correction.text])
        if row.correction
        else (list(row.entry.plural_translations) if row.entry.is_plural else [row.entry.translation])
    )
    form = CorrectionForm(
        request.POST or None,
        entry=row.entry,
        language=language["code"],
        forms_count=shipped.plural_count if row.entry.is_plural else 1,
        plural=shipped.plural(),
        initial_texts=current,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.correction_save(translator=request.user, language=language["code"], key=key, texts=form.texts())
        except DomainError as error:
            form.add_error(form.names[0] if error.field == "text" else None, error.message)
        else:
            messages.success(request, _("Correction saved. The site shows it now."))
            return redirect("translation_entries", language=language["code"])
    return render(
        request,
        "translations/entry.html",
        {"language": language, "row": row, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@permission_required("translations.correct")
def withdraw(request, language: str, key: str):
    language = _language(language)
    try:
        services.correction_withdraw(translator=request.user, language=language["code"], key=key)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Correction withdrawn. The site shows the catalogue's translation again."))
    return redirect("translation_entries", language=language["code"])
