"""What a long run shows on a terminal: a bar per stage with its count and rate, then a summary table.

The flow reports to it between its tasks, so the stages themselves know nothing of it:

    with RunProgress(quiet=args.quiet) as progress:
        stage = progress.start("clean", total=400, unit="articles")
        for batch in batches:
            ...
            stage.advance(len(batch))
        progress.finish(stage, "12 unchanged from the cache")
        progress.note("clusters re-formed: the previous release was built by other code")

    clean     ━━━━━━━━━━━━━━━━━━━━━━━━ 400/400 articles  21.3 articles/s  0:00:18
    ┏━━━━━━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━┳━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
    ┃ stage    ┃ done         ┃ time  ┃ rate          ┃ detail                       ┃ ...

Bars and the summary show only on a terminal and without --quiet: logs and pipes get the command's own result
line. Notes (something the user should know, like clusters being re-formed) print unless --quiet.
"""

import time

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text


class RateColumn(ProgressColumn):
    """Items per second since the stage started ("21.3 articles/s")."""

    def render(self, task):
        elapsed = task.finished_time if task.finished else task.elapsed
        if not elapsed or not task.completed:
            return Text("")
        return Text(f"{task.completed / elapsed:,.1f} {task.fields['unit']}/s", style="progress.data.speed")


class Stage:
    """One stage's counter: `advance(n)` as its items are done."""

    def __init__(self, bars, task, name, unit):
        self.bars, self.task, self.name, self.unit = bars, task, name, unit
        self.done, self.started = 0, time.perf_counter()

    def advance(self, count):
        self.done += count
        self.bars.update(self.task, advance=count)


class RunProgress:
    """The progress display of one run (a context manager); quiet off a terminal or when asked."""

    def __init__(self, quiet=False, console=None):
        self.console = console or Console()
        self.quiet = quiet
        self.live = not quiet and self.console.is_terminal
        self.bars = Progress(TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(),
                             TextColumn("{task.fields[unit]}"), RateColumn(), TimeElapsedColumn(),
                             console=self.console, disable=not self.live)
        self.rows = []

    def __enter__(self):
        self.bars.start()
        return self

    def __exit__(self, *exc):
        self.bars.stop()
        if self.live and self.rows:
            self.console.print(self.summary())
        return False

    def start(self, name, total, unit):
        """A stage with a bar for `total` items of `unit` (e.g. 400 "articles")."""
        return Stage(self.bars, self.bars.add_task(name, total=total, unit=unit), name, unit)

    def finish(self, stage, detail="", done=None):
        """End a stage: its bar full, and a row of the summary (done, time, rate, detail). done: the items done,
        when the stage did not count them as it went (one task for all of them)."""
        if done is not None:
            stage.advance(done - stage.done)
        seconds = time.perf_counter() - stage.started
        self.bars.update(stage.task, total=stage.done)
        self.bars.stop_task(stage.task)
        self.rows.append((stage.name, f"{stage.done:,} {stage.unit}", f"{seconds:.1f}s",
                          f"{stage.done / seconds:,.1f} {stage.unit}/s" if seconds and stage.done else "", detail))

    def note(self, text):
        if not self.quiet:
            self.console.print(text, highlight=False)

    def summary(self):
        table = Table("stage", "done", "time", "rate", "detail", title="run summary")
        for row in self.rows:
            table.add_row(*row)
        return table
