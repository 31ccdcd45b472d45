"""A save commits once and does only what must be in its transaction: the search index is
written after the commit, from an outbox row written in it (`SearchStale`), so a process that
dies between the two loses nothing: the worker writes the entry from the outbox. The numbers
of statements and commits of the saves people make most (bench/saves.py prints them on the
national data) are pinned here."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from sangtao.appraisal import services as appraisal
from sangtao.appraisal.models import Assignment, CouncilMember
from sangtao.initiatives import services
from sangtao.initiatives.models import Initiative, SearchEntry, SearchStale
from sangtao.initiatives.search import search_catch_up, search_ranked_ids
from sangtao.jobs.services import catch_up_run
from tests.jobs.test_worker import worker_signals  # noqa: F401 (fixture)

from ..factories import ONE_AUTHOR, complete_dossier, make_user

WRITES = ("INSERT", "UPDATE", "DELETE")


class Counted:
    """The statements (savepoints apart) and commits of what runs inside `with`; a write
    outside any transaction commits on its own and counts as a commit."""

    def __init__(self):
        self.statements = self.commits = self.savepoints = 0

    def __call__(self, execute, sql, params, many, context):
        head = sql.lstrip().split(None, 1)[0].upper()
        if head in ("SAVEPOINT", "RELEASE", "ROLLBACK"):
            self.savepoints += head == "SAVEPOINT"
        else:
            self.statements += 1
            self.commits += head in WRITES and connection.get_autocommit()
        return execute(sql, params, many, context)

    def __enter__(self):
        commit = connection._commit

        def counted():
            self.commits += 1
            return commit()

        connection._commit = counted
        self._wrapper = connection.execute_wrapper(self)
        self._wrapper.__enter__()
        return self

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)
        del connection._commit


def _draft(movement, tree, people, title="Máy gieo hạt cải tiến"):
    data = complete_dossier(movement, tree["school"]) | {"title": title}
    return services.initiative_create(by=people["author"], data=data, authors=ONE_AUTHOR)


def _edit_form(initiative, title: str) -> dict:
    data = complete_dossier(initiative.round.movement, initiative.unit) | {"title": title}
    fields = {k: getattr(v, "pk", v) for k, v in data.items() if v is not None}
    fields |= {
        "authors-TOTAL_FORMS": "1",
        "authors-INITIAL_FORMS": "0",
        "authors-0-full_name": ONE_AUTHOR[0]["full_name"],
        "authors-0-unit_name": ONE_AUTHOR[0].get("unit_name", ""),
        "authors-0-share": "100",
    }
    return fields


@pytest.mark.django_db(transaction=True)
def test_a_draft_save_commits_once_then_writes_the_index(movement, tree, people, client_for):
    initiative = _draft(movement, tree, people)
    client = client_for(people["author"])
    url = reverse("initiatives:edit", args=[initiative.public_id])
    with Counted() as save:
        answer = client.post(url, _edit_form(initiative, "Lò sấy nông sản bằng trấu"))
    assert answer.status_code == 302
    # The save's own transaction, then the index's (after the commit, in the same request).
    assert (save.commits, save.savepoints) == (2, 0)
    # PostgreSQL: two of them write the entry's rare terms' postings again (SearchPosting);
    # one asks whether a public (recognised) entry changed, to renew the kept public pages.
    # The round, the field and the unit are read once, by the form's choices (33, not 36).
    assert save.statements == (33 if connection.vendor == "postgresql" else 32)
    assert search_ranked_ids(query="lo say nong san") == [initiative.pk]
    assert SearchStale.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_a_score_sheet_save_commits_once(movement, tree, people, client_for):
    council = appraisal.council_create(
        round=movement.rounds.first(),
        unit=tree["commune"],
        by=people["secretary"],
        data={"name": "Hội đồng thẩm định xã Tân Hòa", "appraisers_per_initiative": 1},
    )
    initiative = _draft(movement, tree, people)
    services.initiative_submit(initiative=initiative, by=people["author"])
    services.initiative_forward(initiative=initiative, by=people["clerk"])
    member = make_user("uyvien1", unit=tree["commune"], full_name="Lê Thị Một")
    seat = appraisal.council_member_add(
        council=council, user=member, role=CouncilMember.Role.MEMBER, by=people["secretary"]
    )
    sheet = appraisal.assignment_create(
        council=council, initiative=initiative, member=seat, by=people["secretary"]
    )
    criteria = list(movement.criteria.order_by("order"))
    form = {f"score_{c.pk}": "8" for c in criteria}
    form |= {"version": str(sheet.version), "action": "save"}
    client = client_for(member)
    url = reverse("appraisal:sheet", args=[sheet.public_id])
    with Counted() as save:
        answer = client.post(url, form)
    assert answer.status_code == 302
    assert (save.commits, save.savepoints) == (1, 0)
    assert len(criteria) == 2
    # the scores are inserted in one statement
    assert save.statements == (14 if connection.vendor == "postgresql" else 15)
    sheet.refresh_from_db()
    assert (sheet.state, sheet.version) == (Assignment.State.DRAFT, int(form["version"]) + 1)
    # saved again unchanged, no score is written; with one score changed, one statement
    with Counted() as again:
        client.post(url, form | {"version": str(sheet.version)})
    assert again.statements == save.statements - 1
    changed = form | {"version": str(sheet.version + 1), f"score_{criteria[0].pk}": "9"}
    with Counted() as once_more:
        client.post(url, changed)
    assert once_more.statements == save.statements
    assert dict(sheet.scores.values_list("criterion_id", "value")) == {
        criteria[0].pk: 9,
        criteria[1].pk: 8,
    }


@pytest.mark.django_db
def test_a_crash_between_the_commit_and_the_index_loses_nothing(
    movement, tree, people, django_capture_on_commit_callbacks, client
):
    with django_capture_on_commit_callbacks(execute=True):
        initiative = _draft(movement, tree, people)
    # The save commits; the process dies before its after-commit step runs.
    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        services.initiative_update(
            initiative=initiative, by=people["author"], data={"title": "Lò sấy nông sản bằng trấu"}
        )
    assert len(after_commit) == 1
    assert list(SearchStale.objects.values_list("initiative_id", flat=True)) == [initiative.pk]
    assert SearchEntry.objects.get(initiative=initiative).title_key == "may gieo hat cai tien"
    page = client.get(reverse("portal:list"), {"q": "lo say"}).content.decode()
    assert "Tìm kiếm đang cập nhật những thay đổi vừa lưu" in page

    # What the worker runs at its start and with each heartbeat.
    assert catch_up_run() == {"initiatives.search": 1}

    assert SearchEntry.objects.get(initiative=initiative).title_key == "lo say nong san bang trau"
    assert search_ranked_ids(query="lo say nong san") == [initiative.pk]
    assert SearchStale.objects.count() == 0
    page = client.get(reverse("portal:list"), {"q": "lo say"}).content.decode()
    assert "Tìm kiếm đang cập nhật" not in page


@pytest.mark.django_db(transaction=True)
def test_the_worker_writes_the_entry_a_dead_process_left_in_the_outbox(
    movement,
    tree,
    people,
    settings,
    worker_signals,  # noqa: F811
):
    """The rows as a crash leaves them, committed: the changed dossier and its outbox row."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    initiative = _draft(movement, tree, people)
    assert SearchEntry.objects.get(initiative=initiative).title_key == "may gieo hat cai tien"
    Initiative.objects.filter(pk=initiative.pk).update(title="Lò sấy nông sản bằng trấu")
    SearchStale.objects.create(initiative=initiative)

    call_command("jobs_worker", "--batch", "--no-startup-delay", "--worker-id", "w", verbosity=0)

    assert SearchEntry.objects.get(initiative=initiative).title_key == "lo say nong san bang trau"
    assert SearchStale.objects.count() == 0


@pytest.mark.django_db
def test_the_catch_up_of_other_saves_leaves_a_save_noted_again_for_its_own(
    movement, tree, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        first = _draft(movement, tree, people, "Bếp đun tiết kiệm củi")
        second = _draft(movement, tree, people, "Máy bơm nước năng lượng mặt trời")
    assert search_catch_up(ids=[first.pk]) == 1
    assert list(SearchStale.objects.values_list("initiative_id", flat=True)) == [second.pk]
    assert search_ranked_ids(query="bep dun") == [first.pk]
    assert search_ranked_ids(query="may bom nuoc") == []
    assert search_catch_up() == 1
    assert search_ranked_ids(query="may bom nuoc") == [second.pk]
