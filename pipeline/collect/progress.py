"""Progress of a collection on the terminal (rich); nothing when the output is not a terminal (a log, a pipe, a
scheduled run), where the run's summary lines say what happened."""

from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def fetch_progress(total: int, description: str = "fetching"):
    """A callback to call once per page fetched (with its URL), drawing a bar of `total` while it is used."""
    console = Console(stderr=True)
    if not console.is_terminal or not total:
        yield lambda url: None
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("{task.fields[url]}", style="dim"))
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(description, total=total, url="")
        yield lambda url: bar.update(task, advance=1, url=url[-60:])
