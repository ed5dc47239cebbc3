"""One run per project (a lock two processes contend for), and no worker left alive after SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from speechtopics.lock import LOCK_NAME, ProjectLocked, project_lock

SRC = str(Path(__file__).resolve().parents[1] / "src")

HOLDER = """
import sys, time
from speechtopics.lock import project_lock
with project_lock(sys.argv[1], wait=True):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""

RUN_LIKE = """
import json, os, time
import psutil
from speechtopics.shutdown import stop_on_signals
from speechtopics.segment.options import SegmentConfig
from speechtopics.segment.run import pool
from speechtopics.lock import project_lock
from joblib.externals.loky import get_reusable_executor

with project_lock(os.environ["PROJECT"], wait=False), stop_on_signals():
    pool(SegmentConfig(workers=2))
    ex = get_reusable_executor(max_workers=2)
    running = [ex.submit(time.sleep, 120) for _ in range(2)]
    while len(psutil.Process().children(recursive=True)) < 4:
        time.sleep(0.05)
    print(json.dumps([p.pid for p in psutil.Process().children(recursive=True)]), flush=True)
    time.sleep(120)
"""


def _spawn(code: str, *args: str, env: dict | None = None) -> subprocess.Popen:
    environ = {**os.environ, "PYTHONPATH": SRC, **(env or {})}
    return subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=environ)



def still_alive(pids, seconds: float) -> list:
    """The processes of ``pids`` still running (not zombies) after waiting up to ``seconds`` for them to end."""
    deadline = time.monotonic() + seconds
    alive = list(pids)
    while alive and time.monotonic() < deadline:
        alive = [p for p in pids if psutil.pid_exists(p) and psutil.Process(p).status() != "zombie"]
        time.sleep(0.1)
    return alive

def test_second_run_waits_or_stops_with_one_line(tmp_path):
    holder = _spawn(HOLDER, str(tmp_path), "1.5")
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(ProjectLocked) as err, project_lock(tmp_path, wait=False):
            pass
        message = str(err.value)
        assert "\n" not in message and f"process {holder.pid}" in message and str(tmp_path) in message
        with pytest.raises(ProjectLocked), project_lock(tmp_path, wait=0.2):
            pass
        start = time.monotonic()
        with project_lock(tmp_path, wait=True) as path:  # waits for the holder to finish
            assert time.monotonic() - start > 0.3  # it waited for the holder to let go
            assert path == tmp_path / LOCK_NAME and path.read_text().strip() == str(os.getpid())
    finally:
        holder.kill()
        holder.wait()
    with project_lock(tmp_path, wait=False):  # released, also by a process that was killed
        pass


def test_lock_is_released_when_the_holder_is_killed(tmp_path):
    holder = _spawn(HOLDER, str(tmp_path), "60")
    assert holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    with project_lock(tmp_path, wait=2.0):
        pass


def test_sigterm_leaves_no_worker_alive(tmp_path):
    run = _spawn(RUN_LIKE, env={"PROJECT": str(tmp_path)})
    try:
        line = run.stdout.readline()
        children = json.loads(line)
        assert len(children) >= 4  # two segment workers, two loky workers (and loky's helpers)
        run.send_signal(signal.SIGTERM)
        assert run.wait(timeout=30) == 128 + signal.SIGTERM
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
    assert not still_alive(children, seconds=5)
    with project_lock(tmp_path, wait=False):  # the stopped run let go of the project
        pass


def test_sweep_shutdown_workers_kills_running_fits():
    from joblib.externals.loky import get_reusable_executor

    from speechtopics.models.sweep import shutdown_workers

    ex = get_reusable_executor(max_workers=2)
    running = [ex.submit(time.sleep, 60) for _ in range(2)]
    deadline = time.monotonic() + 20
    while True:
        workers = [p for p in psutil.Process().children() if "popen_loky" in " ".join(p.cmdline())]
        if len(workers) >= 2 or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert len(workers) >= 2 and not any(f.done() for f in running)
    shutdown_workers()
    _, alive = psutil.wait_procs(workers, timeout=10)
    assert not alive


POOL_ONLY = """
import json, time
import psutil
from speechtopics.segment.options import SegmentConfig
from speechtopics.segment.run import pool
from speechtopics.shutdown import start_pool_worker
import concurrent.futures, multiprocessing

pool(SegmentConfig(workers=2))
lda_pool = concurrent.futures.ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn"),
                                                  initializer=start_pool_worker)
lda_pool.submit(abs, 1).result()  # as the E-step pool of the partitioned backend starts its workers
while True:
    workers = [p.pid for p in psutil.Process().children()
               if not p.cmdline()[-1].startswith("from multiprocessing.resource_tracker")]
    if len(workers) >= 3:
        break
    time.sleep(0.05)
print(json.dumps(workers), flush=True)
time.sleep(120)
"""


def test_killed_run_leaves_no_pool_worker_alive():
    # kill -9 (or the out-of-memory killer) runs no handler: the pools' workers notice that their owner is
    # gone and exit instead of waiting forever on its queue, each holding its segmenter's dictionaries
    run = _spawn(POOL_ONLY)
    try:
        workers = json.loads(run.stdout.readline())
        assert len(workers) >= 3 and all(psutil.pid_exists(p) for p in workers)
    finally:
        run.kill()
        run.wait()
    assert not still_alive(workers, seconds=10)
