"""The collector pause is re-entrant and always restores the collector's state."""

import gc

import pytest

from speechtopics.gcpause import gc_paused, without_gc


@pytest.fixture(autouse=True)
def _restore_gc():
    was = gc.isenabled()
    yield
    (gc.enable if was else gc.disable)()


def test_nested_pauses_restore_on_last_exit():
    gc.enable()
    with gc_paused():
        assert not gc.isenabled()
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still holds the pause
    assert gc.isenabled()


def test_pause_keeps_a_disabled_collector_disabled():
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_decorator_restores_after_an_exception():
    gc.enable()

    @without_gc
    def fails():
        assert not gc.isenabled()
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        fails()
    assert gc.isenabled()
