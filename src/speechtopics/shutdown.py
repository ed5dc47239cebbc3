"""Stop every worker process when a run is stopped by SIGTERM or SIGINT (Ctrl-C).

A run keeps process pools alive between stages: the segment stage's warm Dask process pool
(:mod:`speechtopics.segment.run`) and joblib's loky workers of the LDA sweep
(:mod:`speechtopics.models.sweep`), plus a notebook kernel while a report runs. Killed from outside, the
parent would die and leave them running. :func:`stop_on_signals` installs handlers that first stop
those pools, then end every remaining child process (terminate, then kill after a grace period), and
then end the run as the signal asks: ``KeyboardInterrupt`` for SIGINT, ``SystemExit(128 + signal)``
otherwise, so ``with`` blocks (the project lock included) unwind on the way out. A pool's worker
ignores SIGINT (:func:`ignore_interrupts`): the process that owns the pool decides what an interrupt
ends, and a kernel's interrupt on shutdown reaches its workers too.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from collections.abc import Callable, Iterator

__all__ = ["stop_workers", "stop_on_signals", "install_signal_handlers", "ignore_interrupts", "exit_with_parent",
           "start_pool_worker"]

SIGNALS = (signal.SIGTERM, signal.SIGINT)


def _is_tracker(proc) -> bool:
    """multiprocessing's and loky's resource trackers ignore SIGTERM by design and exit by themselves
    (cleaning up shared memory) once this process is gone; they are left to do so."""
    try:
        return any("resource_tracker" in part for part in proc.cmdline())
    except Exception:  # psutil.Error: the process is already gone
        return False


def stop_workers(grace: float = 3.0) -> None:
    """Stop the segment pool, end every child process (workers, kernels) and stop the loky workers.

    Parameters
    ----------
    grace : float
        Seconds the children get to exit after SIGTERM before they are killed.
    """
    import psutil

    if "speechtopics.segment.run" in sys.modules:  # only pools this process may have started
        with contextlib.suppress(Exception):
            sys.modules["speechtopics.segment.run"].shutdown_pools(now=True)
    try:
        children = [p for p in psutil.Process().children(recursive=True) if not _is_tracker(p)]
    except psutil.Error:
        children = []
    for child in children:
        with contextlib.suppress(psutil.Error):
            child.terminate()
    _, alive = psutil.wait_procs(children, timeout=grace)
    for child in alive:
        with contextlib.suppress(psutil.Error):
            child.kill()
    psutil.wait_procs(alive, timeout=grace)
    sweep = sys.modules.get("speechtopics.models.sweep")
    if sweep is not None:  # after its workers are gone, so that it has nothing left to wait on
        with contextlib.suppress(Exception):
            sweep.shutdown_workers()


def ignore_interrupts() -> None:
    """Ignore SIGINT in this process: the initializer of a process pool's workers.

    An interrupt (Ctrl-C in a terminal, jupyter_client's interrupt of a notebook kernel, which it sends on
    every kernel shutdown) goes to the whole process group, so a pool's idle workers would each die
    printing a ``KeyboardInterrupt`` traceback. The owner stops its workers itself (:func:`stop_workers`,
    or the pool's shutdown when it exits).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def exit_with_parent(interval: float = 1.0) -> None:
    """End this process (``os._exit``) within ``interval`` seconds of its parent's death.

    A run killed outright (``kill -9``, the kernel's out-of-memory killer) runs no handler, so
    :func:`stop_workers` never ends its pools; their idle workers, blocked on a queue the dead parent
    would have fed, would otherwise stay alive with their dictionaries in memory until someone kills
    them. A daemon thread notices that the process's parent changed (the orphan was adopted) and exits.

    Parameters
    ----------
    interval : float
        Seconds between checks.
    """
    import threading
    import time

    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(interval)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def start_pool_worker() -> None:
    """The start of a pool's worker process: :func:`ignore_interrupts` and :func:`exit_with_parent`."""
    ignore_interrupts()
    exit_with_parent()


_OWNER: list[int] = []  # the process that installed the handlers (forked workers inherit them)


def _handler(signum: int, _frame) -> None:
    if _OWNER and os.getpid() != _OWNER[-1]:  # a forked worker: die as it would have without us
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
        return
    stop_workers()
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise SystemExit(128 + signum)


def install_signal_handlers(signals: tuple[int, ...] = SIGNALS) -> Callable[[], None]:
    """Make ``signals`` stop all worker processes and end the run; return a function that restores
    the previous handlers. Must be called from the main thread.

    Parameters
    ----------
    signals : tuple of int
        Default SIGTERM and SIGINT.

    Returns
    -------
    callable
        Restores the handlers that were in place before.
    """
    previous = {s: signal.signal(s, _handler) for s in signals}
    _OWNER.append(os.getpid())

    def restore() -> None:
        for s, h in previous.items():
            signal.signal(s, h)
        _OWNER.pop()

    return restore


@contextlib.contextmanager
def stop_on_signals(signals: tuple[int, ...] = SIGNALS) -> Iterator[None]:
    """:func:`install_signal_handlers` for the length of a ``with`` block (main thread only)."""
    restore = install_signal_handlers(signals)
    try:
        yield
    finally:
        restore()
