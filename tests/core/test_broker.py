"""The hand-off to Celery: tried once, and after a failure held off for a while, never raising."""

import pytest

from core import broker


@pytest.fixture(autouse=True)
def _no_outage():
    broker.reset()
    yield
    broker.reset()


def test_a_failed_hand_off_holds_off_the_next_ones():
    calls = []

    def down():
        calls.append(1)
        raise ConnectionError("Redis is down")

    assert broker.hand_off(down, "a receipt") is False
    assert broker.hand_off(down, "another receipt") is False

    assert len(calls) == 1
    assert broker.paused()
    assert broker.failing_since() is not None


def test_the_first_hand_off_after_the_pause_says_when_the_outage_began(monkeypatch):
    broker.hand_off(lambda: 1 / 0, "a receipt")
    began = broker.failing_since()
    monkeypatch.setattr(broker, "_paused_until", 0.0)  # the pause is over

    assert broker.hand_off(lambda: None, "a receipt") is True
    assert broker.recovered() == began
    assert broker.failing_since() is None
