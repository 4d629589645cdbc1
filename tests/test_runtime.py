"""stancemap.runtime: the collector pause the feature code runs under."""
from __future__ import annotations

import gc
import threading

import pytest

from stancemap.runtime import paused_gc


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_paused_gc_switches_the_collector_off_and_back_on(collector_on):
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():  # nested: still off after the inner block
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_paused_gc_leaves_a_collector_the_caller_switched_off_off(collector_on):
    gc.disable()
    with paused_gc():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_paused_gc_is_restored_after_an_error(collector_on):
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("boom")
    assert gc.isenabled()


def test_paused_gc_stays_off_until_the_last_thread_leaves(collector_on):
    inside, leave, seen = threading.Event(), threading.Event(), []

    def worker():
        with paused_gc():
            inside.set()
            leave.wait(10)

    t = threading.Thread(target=worker)
    t.start()
    inside.wait(10)
    with paused_gc():
        pass
    seen.append(gc.isenabled())  # the worker's block is still open
    leave.set()
    t.join(10)
    assert seen == [False] and gc.isenabled()
