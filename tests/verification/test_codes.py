"""Voting codes by letter: kept as hashes, redeemed once, guessing rate-limited."""

import pytest
from django.conf import settings

from citizens.models import ResidentProfile
from core.errors import DomainError
from tests.factories import UserFactory, WardFactory
from verification import services
from verification.identity import code_for_letter
from verification.models import IdentityConflict, Method, Verification, VotingCode


@pytest.fixture
def ward(db):
    return WardFactory(name="Stockwell West", slug="stockwell-west")


@pytest.fixture
def codes(officer, ward):
    _batch, codes = services.code_batch_create(officer=officer, size=3, language="en-gb", ward=ward)
    return codes


def test_codes_are_kept_only_as_hashes(codes):
    stored = set(VotingCode.objects.values_list("code_hash", flat=True))

    assert len(stored) == 3
    assert not any(code in h or code.lower() in h for code in codes for h in stored)


def test_a_code_verifies_the_resident_in_the_batchs_ward(codes, ward, resident):
    verification = services.code_redeem(user=resident, code=code_for_letter(codes[0]).lower())

    assert verification.method == Method.CODE
    assert verification.ward == ward
    assert ResidentProfile.objects.get(user=resident).ward == ward
    assert VotingCode.objects.get(redeemed_by=resident).redeemed_at is not None


def test_a_used_code_is_refused_to_another_account_and_queued_for_officers(codes, resident):
    services.code_redeem(user=resident, code=codes[0])
    other = UserFactory()

    with pytest.raises(DomainError) as refused:
        services.code_redeem(user=other, code=codes[0])

    assert refused.value.code == "code_used"
    assert not Verification.objects.filter(user=other).exists()
    assert IdentityConflict.objects.get().attempted_by == other


def test_using_ones_own_code_twice_says_so(codes, resident):
    services.code_redeem(user=resident, code=codes[0])

    with pytest.raises(DomainError) as refused:
        services.code_redeem(user=resident, code=codes[0])

    assert refused.value.code == "code_used_by_you"


def test_a_wrong_code_guessed_twenty_times_is_rate_limited(codes, resident):
    outcomes = []
    for n in range(20):
        try:
            services.code_redeem(user=resident, code=f"WRONGCODE{n:03d}", ip="203.0.113.9")
        except DomainError as error:
            outcomes.append(error.code)

    allowed = settings.VERIFICATION_GUESSES_PER_ACCOUNT
    assert outcomes[:allowed] == ["code_unknown"] * allowed
    assert set(outcomes[allowed:]) == {"rate_limited"}


def test_once_rate_limited_even_a_right_code_must_wait(codes, resident):
    for n in range(settings.VERIFICATION_GUESSES_PER_ACCOUNT):
        with pytest.raises(DomainError):
            services.code_redeem(user=resident, code=f"WRONGCODE{n:03d}")

    with pytest.raises(DomainError) as refused:
        services.code_redeem(user=resident, code=codes[0])

    assert refused.value.code == "rate_limited"
    assert not Verification.objects.exists()


def test_guesses_from_one_address_are_limited_across_accounts(codes, settings):
    settings.VERIFICATION_GUESSES_PER_ADDRESS = 3
    for n in range(3):
        with pytest.raises(DomainError):
            services.code_redeem(user=UserFactory(), code=f"WRONGCODE{n:03d}", ip="198.51.100.7")

    with pytest.raises(DomainError) as refused:
        services.code_redeem(user=UserFactory(), code=codes[0], ip="198.51.100.7")

    assert refused.value.code == "rate_limited"


def test_a_batch_is_for_a_ward_or_a_cooperative_not_neither(officer):
    with pytest.raises(DomainError) as refused:
        services.code_batch_create(officer=officer, size=1, language="en-gb")

    assert refused.value.code == "batch_target"


def test_a_batch_larger_than_the_limit_is_refused(officer, ward, settings):
    settings.VOTING_CODE_BATCH_MAX = 5

    with pytest.raises(DomainError) as refused:
        services.code_batch_create(officer=officer, size=6, language="en-gb", ward=ward)

    assert refused.value.code == "batch_size"


def test_with_the_guess_counter_out_of_reach_no_code_is_tried(codes, resident, monkeypatch):
    """The limits cannot be counted without the cache, so nothing is checked until it is back."""
    from redis.exceptions import ConnectionError as RedisConnectionError

    from verification import guesses

    def out_of_reach(*args, **kwargs):
        raise RedisConnectionError("Connection refused")

    monkeypatch.setattr(guesses.cache, "get_many", out_of_reach)

    with pytest.raises(DomainError) as refused:
        services.code_redeem(user=resident, code=codes[0])

    assert refused.value.code == "checks_unavailable"
    assert not Verification.objects.exists()
