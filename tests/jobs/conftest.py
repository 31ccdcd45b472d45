"""Kinds of job made for the tests (a small text file, a builder that breaks, a personal file),
on a movement that the province's officer manages; and the appraisal's council for the real
kinds."""

import pytest
from django.utils.translation import gettext_noop

from sangtao.jobs import registry

from ..appraisal.conftest import council, forwarded  # noqa: F401  (fixtures)

ECHO, BROKEN, PERSONAL = "tests.echo", "tests.broken", "tests.personal"
PERMISSION = "movements.change_movement"


def echo(job, progress):
    for step in range(3):
        progress(step, 3, gettext_noop("Laying out page %(page)s"), page=step + 1)
    return f"{job.target.name} {job.params}".encode(), "tep-thu.txt"


def broken(job, progress):
    progress(1, 2, "")
    raise RuntimeError("the builder broke")


@pytest.fixture(autouse=True)
def test_kinds(monkeypatch):
    for kind in [
        registry.JobKind(ECHO, "Echo", echo, PERMISSION, "text/plain"),
        registry.JobKind(BROKEN, "Broken", broken, PERMISSION, "text/plain"),
        registry.JobKind(PERSONAL, "Personal", echo, PERMISSION, "text/plain", personal=True),
    ]:
        monkeypatch.setitem(registry._KINDS, kind.code, kind)


@pytest.fixture
def manager(people):
    """The province's officer: manages the province's movement."""
    return people["officer"]


@pytest.fixture
def co_manager(tree):
    from sangtao.accounts.models import Role

    from ..factories import make_user

    return make_user("phongtrao2", unit=tree["province"], roles=((Role.OFFICER, tree["province"]),))
