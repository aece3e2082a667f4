"""The translators' editor: who reaches it, finding a text, correcting it, and the refusal explained."""

import pytest
from django.urls import reverse

from tests.factories import UserFactory
from translations.catalogue import entry_key
from translations.models import Correction

pytestmark = pytest.mark.django_db

CYCLES = entry_key("", "Cycles", "")
WELCOME = entry_key("", "You are a verified resident of %(ward)s.", "")
EDITOR = reverse("translation_entries", args=["es"])


@pytest.mark.parametrize("who", ["resident", "officer", "councillor"])
def test_people_who_are_not_translators_are_refused_the_editor(request, client_for, who):
    person = request.getfixturevalue(who)

    assert client_for(person).get(EDITOR).status_code == 403
    assert client_for(person).get(reverse("translation_entry", args=["es", CYCLES])).status_code == 403


def test_strangers_are_asked_to_sign_in(client):
    assert client.get(EDITOR).url.startswith(reverse("account_login"))


def test_translators_and_superusers_reach_the_editor(client_for, translator, administrator):
    assert client_for(translator).get(reverse("translation_languages")).status_code == 200
    assert client_for(administrator).get(EDITOR).status_code == 200


def test_a_person_given_the_permission_directly_is_a_translator(client_for):
    from django.contrib.auth.models import Permission

    person = UserFactory()
    person.user_permissions.add(Permission.objects.get(codename="correct_translations"))

    assert client_for(person).get(EDITOR).status_code == 200


def test_only_translators_find_the_editor_on_their_dashboard(client_for, translator, resident):
    assert "Correct translations" in client_for(translator).get(reverse("dashboard")).content.decode()
    assert "Correct translations" not in client_for(resident).get(reverse("dashboard")).content.decode()


def test_the_editor_finds_a_text_by_its_english(client_for, translator):
    page = client_for(translator).get(EDITOR, {"q": "verified resident of"}).content.decode()

    assert "You are a verified resident of %(ward)s." in page
    assert "Ciclos" not in page


def test_the_editor_says_the_catalogue_awaits_community_review(client_for, translator):
    page = client_for(translator).get(EDITOR).content.decode()

    assert "first draft awaiting review by a community translator" in page


def test_a_correction_posted_in_the_editor_is_saved_and_shown(
    client_for, translator, django_capture_on_commit_callbacks
):
    client = client_for(translator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("translation_entry", args=["es", CYCLES]), {"text": "Convocatorias"})

    assert response.status_code == 302
    assert Correction.objects.get(key=CYCLES).text == "Convocatorias"
    assert ">Convocatorias<" in client.get(reverse("home"), headers={"accept-language": "es"}).content.decode()


def test_a_correction_with_other_placeholders_is_refused_beside_the_field(client_for, translator):
    response = client_for(translator).post(
        reverse("translation_entry", args=["es", WELCOME]), {"text": "Ya es residente verificado."}
    )

    assert response.status_code == 400
    assert "must keep the placeholders of the English" in response.content.decode()
    assert not Correction.objects.exists()


def test_an_unknown_text_is_not_found(client_for, translator):
    assert client_for(translator).get(reverse("translation_entry", args=["es", "0" * 32])).status_code == 404
    assert client_for(translator).get(reverse("translation_entries", args=["de"])).status_code == 404


def test_migrate_makes_the_translators_group_with_its_permission():
    from django.contrib.auth.models import Group

    group = Group.objects.get(name="Translators")

    assert list(group.permissions.values_list("codename", flat=True)) == ["correct_translations"]
