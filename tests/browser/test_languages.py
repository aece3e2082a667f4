"""In each of the borough's languages: the main pages and a walk from the home page to a cast ballot,
with `lang` right, axe clean, and no English left on the page.

English is found by comparing each page with its English rendering: text that reads the same in both
is English left untranslated, unless it is the residents' own content (titles, names, descriptions,
which stay as written) or is marked with a language of its own (the language links, each written in
its own language). A language whose catalogue is not complete fails here too, saying what is missing
(tests/test_translations.py says it in detail).
"""

import re
import shutil
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from commissioning import counting, services
from commissioning.models import CommissioningCycle
from tests.catalogues import marked_strings as strings_marked_in_code
from tests.catalogues import problems
from tests.factories import CycleFactory, PriorityFactory, UserFactory

ROOT = Path(settings.BASE_DIR)
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]

# Every text node on the page that is not visually hidden-by-design markup, with the language it is in.
TEXTS = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest('script, style, noscript')) continue;
    const text = node.data.replace(/\\s+/g, ' ').trim();
    if (text) found.push([text, parent.closest('[lang]').getAttribute('lang')]);
  }
  return found;
}"""


@pytest.fixture(scope="module")
def marked_strings(tmp_path_factory) -> set[tuple[str, str]] | None:
    """Every string the code marks for translation (makemessages over a copy), or None without gettext."""
    if not shutil.which("xgettext"):
        return None
    return strings_marked_in_code(ROOT, tmp_path_factory.mktemp("marked"))


def _fail_unless_complete(code: str, marked) -> None:
    folder = ROOT / "locale" / code / "LC_MESSAGES"
    if not (folder / "django.mo").exists():
        pytest.fail(f"{code}: the catalogue is not compiled yet (no django.mo); run `make messages`")
    found = problems(folder / "django.po")
    if found:
        pytest.fail(f"{code}: the catalogue is not complete yet ({len(found)} problems, first: {found[0]})")
    if marked is not None:
        held = {(e.msgid, e.msgid_plural) for e in polib.pofile(str(folder / "django.po")) if not e.obsolete}
        missing = marked - held
        if missing:
            pytest.fail(
                f"{code}: {len(missing)} marked strings are not in the catalogue yet "
                f"(first: {sorted(missing)[0][0][:60]!r}); run `make messages` and translate them"
            )


@pytest.fixture
def main_pages(transactional_db):
    """An open cycle to vote in and a counted one to read, with the residents' own content in English."""
    now = timezone.now()
    open_cycle = CycleFactory(slug="open-cycle", title="Greener streets for Brixton", budget=Decimal(100000))
    trees = PriorityFactory(cycle=open_cycle, title="Street trees on Acre Lane", description="Forty new trees.")
    PriorityFactory(cycle=open_cycle, title="Benches along Brixton Hill", description="Places to rest.")
    closed = CycleFactory(
        slug="closed-cycle",
        title="Youth services in Stockwell",
        voting_opens_at=now - timedelta(days=3),
        voting_closes_at=now + timedelta(hours=1),
    )
    club = PriorityFactory(cycle=closed, title="Late-night youth club", description="Open until ten.")
    for _ in range(2):
        services.ballot_cast(user=UserFactory(), cycle_id=closed.pk, choices={club.pk: 1})
    CommissioningCycle.objects.filter(pk=closed.pk).update(voting_closes_at=now - timedelta(minutes=1))
    counting.cycle_count(cycle_id=closed.pk)
    content = {
        text
        for cycle in (open_cycle, closed)
        for text in (cycle.title, cycle.summary, *(v for p in cycle.priorities.all() for v in (p.title, p.description)))
    }
    return {
        "pages": [
            reverse("home"),
            reverse("cycle_list"),
            reverse("cycle_detail", args=[open_cycle.slug]),
            reverse("results", args=[closed.slug]),
            reverse("decision_log"),
            reverse("cooperative_list"),
            reverse("accessibility_statement"),
            reverse("account_login"),
            reverse("account_signup"),
        ],
        "content": content,
        "open_cycle": open_cycle,
        "choice": trees,
    }


def _kept_as_written(code: str) -> set[str]:
    """Strings the translator kept in English on purpose (the service's name): their translation is the English."""
    catalogue = polib.pofile(str(ROOT / "locale" / code / "LC_MESSAGES" / "django.po"))
    return {e.msgid for e in catalogue if not e.obsolete and not e.msgid_plural and e.msgstr == e.msgid}


def _english_left(page_texts, english_texts, code: str, content: set[str]) -> list[str]:
    english = {text for text, _lang in english_texts}
    kept = _kept_as_written(code)
    left = []
    for text, lang in page_texts:
        if lang != code or text not in english or text in content or text in kept:
            continue
        if not re.search(r"[A-Za-z]{2,}\W+[A-Za-z]{2,}", text):  # a figure, a date, a single word or name
            continue
        if any(text in own for own in content):
            continue
        left.append(text)
    return sorted(set(left))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("code", TRANSLATED)
def test_main_pages_and_a_vote_have_no_english_left(new_page, axe, live_server, main_pages, marked_strings, code):
    _fail_unless_complete(code, marked_strings)
    voter, reader = UserFactory(), UserFactory()
    english, page = new_page(), new_page()
    for browser, user in ((english, reader), (page, voter)):
        session = Client()
        session.force_login(user)
        cookie = session.cookies[settings.SESSION_COOKIE_NAME].value
        browser.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
    english.goto(reverse("language_choose", args=["en-gb"]) + "?next=/")
    page.goto(reverse("language_choose", args=[code]) + "?next=/")
    untranslated = {}

    for url in main_pages["pages"]:
        english.goto(url)
        page.goto(url)
        assert page.evaluate("document.documentElement.lang") == code, url
        axe.check(page)
        left = _english_left(page.evaluate(TEXTS), english.evaluate(TEXTS), code, main_pages["content"])
        if left:
            untranslated[url] = left

    cycle, choice = main_pages["open_cycle"], main_pages["choice"]
    page.goto(reverse("ballot", args=[cycle.slug]))
    page.locator(f"#priority-{choice.pk}").check()
    page.locator("button[name=action][value=cast]").click()
    page.wait_for_url(re.compile(reverse("ballot_done", args=[cycle.slug])))
    english.goto(reverse("ballot_done", args=[cycle.slug]))
    assert page.evaluate("document.documentElement.lang") == code
    axe.check(page)
    left = _english_left(page.evaluate(TEXTS), english.evaluate(TEXTS), code, main_pages["content"])
    if left:
        untranslated["ballot_done"] = left

    assert untranslated == {}, "English left on the page:\n" + "\n".join(
        f"{url}: {text!r}" for url, texts in untranslated.items() for text in texts
    )
    assert axe.problems == []
    assert voter.ballots.get().choices.get().priority_id == choice.pk
