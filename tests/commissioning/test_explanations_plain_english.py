"""The sentences residents read beside each priority: plain English, plurals right, the top-up explained."""

from decimal import Decimal

from django.utils import translation

from commissioning.explanations import SENTENCES, explanation_text


def test_a_share_raised_to_spend_the_budget_says_so_in_words():
    stored = {"code": "mes_funded", "params": {"supporters": 1, "cost": "130000", "share": "130000"}}

    text = explanation_text(stored, {}, initial_share=Decimal(250000) / 2)

    assert text == (
        "Everyone's share was raised from £125,000 to £130,000 to spend the budget fully. "
        "The 1 person who voted for it paid its cost of £130,000 from their share."
    )


def test_an_equal_share_that_was_not_raised_is_explained_as_shared_out():
    stored = {"code": "mes_funded", "params": {"supporters": 3, "cost": "30000", "share": "50000"}}

    text = explanation_text(stored, {}, initial_share=Decimal(50000))

    assert text == (
        "The budget was shared out equally between everyone who voted, £50,000 each. "
        "The 3 people who voted for it paid its cost of £30,000 together from their shares."
    )


def test_counts_of_people_are_pluralised_and_no_sentence_repeats_the_funded_tag():
    one = explanation_text(
        {"code": "funded", "params": {"supporters": 1, "support": "1", "cost": "15000", "remaining": "250000"}}, {}
    )
    many = explanation_text(
        {"code": "funded", "params": {"supporters": 2, "support": "2", "cost": "15000", "remaining": "250000"}}, {}
    )

    assert one.startswith("1 person voted for it.") and many.startswith("2 people voted for it.")
    for code in SENTENCES:
        sentence = SENTENCES[code] if isinstance(SENTENCES[code], str) else str(SENTENCES[code])
        assert not sentence.startswith(("Funded", "Not funded")), code
        assert "(s)" not in sentence, code


def test_unknown_codes_fall_back_to_the_engines_text():
    assert explanation_text({"code": "new_rule", "text": "As the engine says."}, {}) == "As the engine says."


def test_sentences_render_in_another_language_without_error():
    with translation.override("es"):
        text = explanation_text({"code": "no_support", "params": {}}, {})

    assert text
