"""The keyed hashes: plain functions, no database."""

from datetime import date

import pytest

from verification.identity import code_for_letter, code_key, new_code, normalise_surname, person_key

SECRET = "a-test-secret-of-at-least-thirty-two-characters"


def test_surname_spelling_differences_that_do_not_matter_give_the_same_key():
    keys = {
        person_key(secret=SECRET, surname=name, date_of_birth=date(1985, 3, 27), postcode=postcode)
        for name, postcode in [("O'Brien", "SW2 1AA"), ("obrien", "sw21aa"), ("Ó Brien", " SW2  1AA ")]
    }

    assert len(keys) == 1


def test_another_date_of_birth_gives_another_key():
    first = person_key(secret=SECRET, surname="Okafor", date_of_birth=date(1985, 3, 27), postcode="SW2 1AA")
    second = person_key(secret=SECRET, surname="Okafor", date_of_birth=date(1985, 3, 28), postcode="SW2 1AA")

    assert first != second


def test_the_key_depends_on_the_secret():
    details = {"surname": "Okafor", "date_of_birth": date(1985, 3, 27), "postcode": "SW2 1AA"}

    assert person_key(secret=SECRET, **details) != person_key(secret=SECRET + "x", **details)


def test_the_key_holds_neither_the_name_nor_the_postcode():
    key = person_key(secret=SECRET, surname="Okafor", date_of_birth=date(1985, 3, 27), postcode="SW2 1AA")

    assert "okafor" not in key.lower() and "sw21aa" not in key.lower() and "1985" not in key


def test_an_empty_surname_is_refused_rather_than_matching_everyone_without_one():
    with pytest.raises(ValueError):
        person_key(secret=SECRET, surname=" - ", date_of_birth=date(1985, 3, 27), postcode="SW2 1AA")


def test_a_code_typed_with_dashes_spaces_or_lower_case_gives_the_same_hash():
    code = new_code()

    assert code_key(secret=SECRET, code=code_for_letter(code).lower().replace("-", " ")) == code_key(
        secret=SECRET, code=code
    )


def test_normalising_keeps_only_letters():
    assert normalise_surname("Smith-Jones Jr.") == "smithjonesjr"
