"""No transition of an initiative is lost to an edit made at the same time.

The author's page (or the API) loads the dossier, and saves it a moment later; meanwhile the
author submits it in another window, withdraws it, or the clerk returns it. Two threads, each
with its own database connection, run each pair many times on PostgreSQL; every time the
row's state is the one the last transition in the audit trail led to, and an edit that came
after a submit was refused, not applied. SQLite lets one writer at a time, so the threads
could not interleave there: the same property is checked step by step in test_services.py.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from sangtao.accounts.models import User
from sangtao.core.models import AuditEvent
from sangtao.initiatives import services
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State

from ..factories import ONE_AUTHOR, complete_dossier

ITERATIONS = 30

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only(reference_data):
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises writers (one write transaction at a time), so two threads "
            "cannot interleave their transactions; test_services.py checks the same "
            "property with a stale dossier, step by step"
        )


def _last_transition(initiative: Initiative) -> str:
    return (
        AuditEvent.objects.filter(target_id=str(initiative.pk))
        .exclude(to_state="")
        .order_by("-id")
        .values_list("to_state", flat=True)
        .first()
    )


def _race(edit, transition) -> list[BaseException]:
    """Run `edit` and `transition` from two threads started together; returns what failed
    unexpectedly (an edit refused with a ValidationError is expected)."""
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def run(step) -> None:
        try:
            start.wait()
            step()
        except ValidationError:
            pass
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(step,)) for step in (edit, transition)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def _edit(initiative: Initiative, author_pk: int, title: str):
    """The author's save, from a dossier loaded before the other step (as a page does)."""

    def step() -> None:
        services.initiative_update(
            initiative=initiative, by=User.objects.get(pk=author_pk), data={"title": title}
        )

    return step


def _check(initiative: Initiative, expected: str, title: str, errors) -> None:
    assert errors == []
    row = Initiative.objects.get(pk=initiative.pk)
    assert row.state == expected
    assert _last_transition(row) == expected
    edited = AuditEvent.objects.filter(target_id=str(row.pk), action="initiative.update").exists()
    assert (row.title == title) == edited


def _draft(movement, tree, people) -> Initiative:
    return services.initiative_create(
        by=people["author"], data=complete_dossier(movement, tree["school"]), authors=ONE_AUTHOR
    )


def test_edit_and_submit_at_once_never_bring_the_dossier_back_to_draft(movement, tree, people):
    author = people["author"].pk
    for i in range(ITERATIONS):
        draft = _draft(movement, tree, people)
        stale = Initiative.objects.get(pk=draft.pk)
        title = f"Bản sửa {i}"

        def submit(pk=draft.pk) -> None:
            services.initiative_submit(
                initiative=Initiative.objects.get(pk=pk), by=User.objects.get(pk=author)
            )

        errors = _race(_edit(stale, author, title), submit)
        _check(draft, State.SUBMITTED, title, errors)


def test_edit_and_withdraw_at_once_never_bring_the_dossier_back(movement, tree, people):
    author = people["author"].pk
    for i in range(ITERATIONS):
        draft = _draft(movement, tree, people)
        stale = Initiative.objects.get(pk=draft.pk)
        title = f"Bản sửa {i}"

        def withdraw(pk=draft.pk) -> None:
            services.initiative_withdraw(
                initiative=Initiative.objects.get(pk=pk),
                by=User.objects.get(pk=author),
                reason="Rút lại",
            )

        errors = _race(_edit(stale, author, title), withdraw)
        _check(draft, State.WITHDRAWN, title, errors)


def test_edit_and_return_at_once_never_lose_the_resubmission(movement, tree, people):
    """The author's page was loaded while the dossier was returned; the author resubmitted it
    in another window and the clerk returns it again as the page saves."""
    author, clerk = people["author"].pk, people["clerk"].pk
    for i in range(ITERATIONS):
        draft = _draft(movement, tree, people)
        services.initiative_submit(initiative=draft, by=people["author"])
        services.initiative_return(initiative=draft, by=people["clerk"], reason="Thiếu số liệu")
        stale = Initiative.objects.get(pk=draft.pk)
        services.initiative_submit(initiative=draft, by=people["author"])
        title = f"Bản sửa {i}"

        def return_(pk=draft.pk) -> None:
            services.initiative_return(
                initiative=Initiative.objects.get(pk=pk),
                by=User.objects.get(pk=clerk),
                reason="Vẫn thiếu số liệu",
            )

        errors = _race(_edit(stale, author, title), return_)
        _check(draft, State.RETURNED, title, errors)
        assert list(
            AuditEvent.objects.filter(target_id=str(draft.pk))
            .exclude(to_state="")
            .order_by("id")
            .values_list("action", flat=True)
        ) == [
            "initiative.create",
            "initiative.submit",
            "initiative.return",
            "initiative.submit",
            "initiative.return",
        ]
