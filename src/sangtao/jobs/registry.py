"""The kinds of job: each app registers the files it builds in the background in its own
`jobs.py` (found by JobsConfig.ready), for example::

    register(JobKind(
        code="appraisal.minutes_pdf",
        label=_("Council minutes (PDF)"),
        build=build_minutes_pdf,           # (job, progress) -> (content, file name)
        permission="appraisal.export",     # on the job's target, to ask for it and to see it
        content_type="application/pdf",
    ))

A builder reads what it needs from `job.target`, `job.requested_by` and `job.params`, calls
`progress(done, total, message, **params)` now and then (`message` is an English message id
marked with gettext_noop, translated when the page shows it) and returns the file's bytes and the
name it is downloaded under. It must not write anything else: a job only makes a file,
unless its kind says `writes=True` (closing a unit and handing over its open work, whose file
is the record of what moved): such a builder calls a service, in one transaction, and its
progress is written through a connection of its own so the page shows it meanwhile.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .models import Job


class Progress(Protocol):
    def __call__(self, done: int, total: int, message: str = "", **params) -> None: ...


def no_progress(done: int, total: int, message: str = "", **params) -> None:
    """The progress callback of a builder called outside a job."""


@dataclass(frozen=True)
class JobKind:
    code: str
    label: str
    build: Callable[["Job", Progress], tuple[bytes, str]]
    permission: str
    content_type: str
    # The file depends on who asked (a conflicted member's workbook hides some scores): only
    # the person who asked may see it, never another holder of the permission.
    personal: bool = False
    # The builder changes data through a service (one transaction) and makes a record of it.
    writes: bool = False


_KINDS: dict[str, JobKind] = {}


def register(kind: JobKind) -> JobKind:
    if kind.code in _KINDS and _KINDS[kind.code] != kind:
        raise ValueError(f"Job kind {kind.code!r} is registered twice")
    _KINDS[kind.code] = kind
    return kind


def kind_of(code: str) -> JobKind:
    """The registered kind; KeyError for a code no app registers."""
    return _KINDS[code]


def kinds() -> dict[str, JobKind]:
    return dict(_KINDS)


# Steps the worker runs again and again (at start and with each heartbeat): the after-commit
# steps of other apps, written to an outbox in the write's transaction and done once it commits,
# which the worker does instead when the process died between the commit and the step. Each
# takes no argument and returns how many it did; an app registers its own in AppConfig.ready().
_CATCH_UPS: dict[str, Callable[[], int]] = {}


def catch_up_register(name: str, step: Callable[[], int]) -> None:
    _CATCH_UPS[name] = step


def catch_ups() -> dict[str, Callable[[], int]]:
    return dict(_CATCH_UPS)
