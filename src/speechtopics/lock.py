"""One run per project at a time: an advisory lock on ``<project>/.speechtopics.lock``.

Two ``speechtopics run`` in one project folder would write the same caches, registries and reports at
once. :func:`project_lock` takes an exclusive ``fcntl.flock`` on the lock file for the length of a
``with`` block; a second run waits for it (``wait=True``), waits at most so many seconds (a number), or
stops at once (``wait=False``) with :class:`ProjectLocked`, whose message is one line naming the
process that holds the lock. The kernel drops the lock when the holder exits, however it exits, so a
crashed run never leaves the project locked (the file itself stays, harmless).
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

__all__ = ["LOCK_NAME", "ProjectLocked", "project_lock"]

LOCK_NAME = ".speechtopics.lock"


class ProjectLocked(RuntimeError):
    """Another process holds the project's lock (the message is one line, fit for the terminal)."""


def _holder(fh) -> str:
    try:
        fh.seek(0)
        pid = fh.read().strip()
    except OSError:
        pid = ""
    return f"process {pid}" if pid.isdigit() else "another process"


@contextlib.contextmanager
def project_lock(folder: str | Path, wait: bool | float = True, poll: float = 0.1) -> Iterator[Path]:
    """Hold the project's lock for the ``with`` block.

    Parameters
    ----------
    folder : str or Path
        The project folder (created if missing); the lock file is ``<folder>/.speechtopics.lock``.
    wait : bool or float
        True: wait as long as it takes. False: fail at once if the lock is held. A number: wait at
        most that many seconds.
    poll : float
        Seconds between tries while waiting a bounded time.

    Yields
    ------
    Path
        The lock file.

    Raises
    ------
    ProjectLocked
        When the lock is held by another process and ``wait`` does not allow waiting (long enough).
    """
    path = Path(folder) / LOCK_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="ascii") as fh:
        if wait is True:
            fcntl.flock(fh, fcntl.LOCK_EX)
        else:
            deadline = time.monotonic() + (0.0 if wait is False else float(wait))
            while True:
                try:
                    fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise ProjectLocked(
                            f"{path.parent}: another speechtopics run ({_holder(fh)}) is using this project; "
                            "wait for it to finish or stop it") from None
                    time.sleep(poll)
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(f"{os.getpid()}\n")
            fh.flush()
            yield path
        finally:
            with contextlib.suppress(OSError):
                fh.truncate(0)
            fcntl.flock(fh, fcntl.LOCK_UN)
