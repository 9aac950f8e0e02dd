"""Scheduled builds: serve `build_dataset` as a Prefect deployment on a cron or interval schedule.

Schedules live in a Prefect server (`make server`), not in the temporary server Prefect starts when no
PREFECT_API_URL is set: that one stops with the process and never creates scheduled runs. So we refuse to start
without a reachable server, with a message saying what to do, rather than serving a schedule nobody will fire.
"""

from pathlib import Path

from prefect.client.orchestration import get_client
from prefect.client.schemas.schedules import CronSchedule
from prefect.settings import PREFECT_API_URL
from prefect.types.entrypoint import EntrypointType

from pipeline.errors import UserError

# Two builds writing the same output folder at once would race to publish; a run that comes due while another
# is going waits for it.
CONCURRENT_RUNS = 1


def schedule_options(cron: str | None, interval_seconds: int | None) -> dict:
    """The one schedule keyword for `Flow.serve` (`cron=` or `interval=`), checked so mistakes read as one line."""
    if (cron is None) == (interval_seconds is None):
        raise UserError("give exactly one schedule: a cron expression or an interval in seconds")
    if interval_seconds is not None:
        if interval_seconds <= 0:
            raise UserError(f"the interval must be a positive number of seconds, not {interval_seconds}")
        return {"interval": interval_seconds}
    try:
        CronSchedule(cron=cron)
    except ValueError as err:  # pydantic's ValidationError is a ValueError
        raise UserError(f"invalid cron expression {cron!r} (expected five fields, e.g. '0 * * * *')") from err
    return {"cron": cron}


def require_server() -> str:
    """The configured Prefect API URL, once it answers its health check."""
    api_url = PREFECT_API_URL.value()
    if not api_url:
        raise UserError("no Prefect server configured: start one with `make server`, then set "
                        "PREFECT_API_URL=http://127.0.0.1:4200/api")
    with get_client(sync_client=True) as client:
        failure = client.api_healthcheck()
    if failure is not None:
        raise UserError(f"the Prefect server at {api_url} is unreachable ({type(failure).__name__}); "
                        "is `make server` running?")
    return api_url


def _serve(flow, name: str, parameters: dict, schedule: dict) -> None:
    """Serve `flow` as deployment `name`; blocks until interrupted (Ctrl-C).

    A module entrypoint (pipeline.flows:build_dataset) works from any directory the package is installed in,
    unlike the default file path relative to where `serve` was started.
    """
    flow.serve(name=name, parameters=parameters, limit=CONCURRENT_RUNS, entrypoint_type=EntrypointType.MODULE_PATH,
               **schedule)


def serve_build(inputs: list[str], output_dir: str, cron: str | None, interval_seconds: int | None,
                name: str) -> None:
    """Serve `build_dataset` as deployment `name` on the schedule; blocks until interrupted (Ctrl-C).

    Paths are made absolute because the deployment stores them on the server, where they must mean the same
    folders whichever directory a later run (or `prefect deployment run`) starts from.
    """
    schedule = schedule_options(cron, interval_seconds)
    require_server()
    from pipeline.flows import build_dataset  # only now: a bad schedule or a missing server fails before this load

    parameters = {"inputs": [str(Path(p).resolve()) for p in inputs], "output_dir": str(Path(output_dir).resolve())}
    _serve(build_dataset, name, parameters, schedule)


def serve_collect(sources: str, output_dir: str, cron: str | None, interval_seconds: int | None, name: str) -> None:
    """Serve `collect_news` (collect, then build and publish) as deployment `name`: on the schedule given, else on
    the source list's own (`schedule`, every 15 minutes unless it says otherwise)."""
    from pipeline.collect import load_sources

    config = load_sources(sources)  # a bad source list fails now, not at the first scheduled run
    schedule = schedule_options(cron if cron or interval_seconds else config.schedule, interval_seconds)
    require_server()
    from pipeline.flows import collect_news

    _serve(collect_news, name, {"sources": str(Path(sources).resolve()),
                                "output_dir": str(Path(output_dir).resolve())}, schedule)
