"""Scheduled builds: argument checks, and one integration run against a real Prefect server on 127.0.0.1."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import NamedTuple

import httpx
import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterName
from prefect.client.schemas.objects import StateType
from prefect.settings import PREFECT_API_URL, temporary_settings

from pipeline.errors import UserError
from pipeline.release import ReleaseStore
from pipeline.serve import require_server, schedule_options, serve_build

REPO_ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ("Harbour council approves new ferry timetable\n\n"
           "The harbour council approved a new ferry timetable on Tuesday. \"The boats will leave every hour,\" "
           "said council leader Maria Lindqvist. She added that the changes would start in May.\n")
SERVER_START_SECONDS = 60
FIRST_RUN_SECONDS = 75
SHUTDOWN_SECONDS = 20
BROKEN_STATES = {StateType.FAILED, StateType.CRASHED, StateType.CANCELLED}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def prefect_env(home, **overrides):
    """The caller's environment with Prefect's state in `home` and nothing phoning home."""
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    return {**env, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false", **overrides}


def stop_process_group(process):
    """SIGTERM the leader (the runner shuts down gracefully), then SIGKILL whatever of its group is left."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=SHUTDOWN_SECONDS)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, signal.SIGKILL)  # flow-run children the runner did not reap
    except ProcessLookupError:
        pass
    process.wait(timeout=SHUTDOWN_SECONDS)


def log_tail(path, lines=30):
    return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])


def both_logs(runner_log, server_log):
    return f"\n--- runner ---\n{log_tail(runner_log)}\n--- server ---\n{log_tail(server_log)}"


def server_is_healthy(api_url):
    try:
        return httpx.get(f"{api_url}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


class PrefectServer(NamedTuple):
    api_url: str
    log: Path


@pytest.fixture
def prefect_server(tmp_path):
    """A real Prefect server (API and scheduler, SQLite in tmp_path) on a free 127.0.0.1 port.

    Started as `prefect server start --background` starts it (uvicorn on the server app factory), which skips
    importing the `prefect` CLI module. Its scheduler swallows database errors it deems retryable, so we ask it
    to log them: a schedule that never fires then explains itself in the log.
    """
    port = free_port()
    log = tmp_path / "server.log"
    command = [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app",
               "--host", "127.0.0.1", "--port", str(port)]
    env = prefect_env(tmp_path / "prefect-home", PREFECT_UI_ENABLED="false", PREFECT__SERVER_FINAL="1",
                      PREFECT_API_LOG_RETRYABLE_ERRORS="true")
    with open(log, "wb") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    api_url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while not server_is_healthy(api_url):
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Prefect server did not become healthy:\n{log_tail(log)}")
            time.sleep(0.5)
        yield PrefectServer(api_url, log)
    finally:
        stop_process_group(server)


def deployment_runs(api_url, deployment_name):
    with temporary_settings(updates={PREFECT_API_URL: api_url}), get_client(sync_client=True) as client:
        return client.read_flow_runs(
            deployment_filter=DeploymentFilter(name=DeploymentFilterName(any_=[deployment_name])))


@pytest.mark.integration
def test_served_schedule_runs_the_build_and_publishes(prefect_server, tmp_path):
    inputs = tmp_path / "articles"
    inputs.mkdir()
    (inputs / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    output = tmp_path / "output"
    name = "integration-build"
    call = f"from pipeline.serve import serve_build; serve_build([{str(inputs)!r}], {str(output)!r}, None, 5, {name!r})"
    log = tmp_path / "serve.log"
    env = prefect_env(tmp_path / "prefect-home", PREFECT_API_URL=prefect_server.api_url,
                      PREFECT_RUNNER_POLL_FREQUENCY="1")
    with open(log, "wb") as out:
        runner = subprocess.Popen([sys.executable, "-c", call], cwd=REPO_ROOT, env=env, stdout=out,
                                  stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + FIRST_RUN_SECONDS
        while True:
            runs = deployment_runs(prefect_server.api_url, name)
            if any(run.state_type == StateType.COMPLETED for run in runs):
                break
            broken = [run for run in runs if run.state_type in BROKEN_STATES]
            assert not broken, f"a scheduled run ended {broken[0].state_type}{both_logs(log, prefect_server.log)}"
            assert runner.poll() is None, f"the runner exited{both_logs(log, prefect_server.log)}"
            assert time.monotonic() < deadline, \
                f"no scheduled run completed in {FIRST_RUN_SECONDS}s{both_logs(log, prefect_server.log)}"
            time.sleep(1)
    finally:
        stop_process_group(runner)

    assert all(run.auto_scheduled for run in runs), "runs should come from the schedule, not be triggered by hand"
    release = ReleaseStore(output).latest()
    assert release is not None, "a completed run should have published a release"
    assert release.manifest["tables"]["sources"]["rows"] == 1


def test_serve_refuses_to_start_without_a_configured_server(tmp_path):
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        with pytest.raises(UserError, match="no Prefect server configured"):
            serve_build([str(tmp_path)], str(tmp_path / "out"), "0 * * * *", None, "unused")


def test_an_unreachable_server_is_a_user_error():
    with temporary_settings(updates={PREFECT_API_URL: f"http://127.0.0.1:{free_port()}/api"}):
        with pytest.raises(UserError, match="unreachable"):
            require_server()


@pytest.mark.parametrize("cron, interval", [(None, None), ("0 * * * *", 60)])
def test_exactly_one_schedule_is_required(cron, interval):
    with pytest.raises(UserError, match="exactly one schedule"):
        schedule_options(cron, interval)


@pytest.mark.parametrize("cron, interval, message", [("every hour", None, "invalid cron"),
                                                     (None, 0, "positive number")])
def test_bad_schedules_are_user_errors(cron, interval, message):
    with pytest.raises(UserError, match=message):
        schedule_options(cron, interval)


def test_schedule_options_name_the_serve_keyword():
    assert schedule_options("0 * * * *", None) == {"cron": "0 * * * *"}
    assert schedule_options(None, 300) == {"interval": 300}
