"""A job's page (polling while it runs, the file or the error after), its file, "my jobs"."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sangtao.jobs import services

from .conftest import BROKEN, ECHO, PERSONAL


def _page(client, job, **headers):
    return client.get(reverse("jobs:detail", args=[job.public_id]), headers=headers)


def test_job_page_of_a_waiting_job_asks_again_every_two_seconds(movement, manager, client_for):
    job = services.job_enqueue(kind=ECHO, by=manager, target=movement)
    response = _page(client_for(manager), job)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'hx-get="{reverse("jobs:detail", args=[job.public_id])}"' in html
    assert 'hx-trigger="every 2s"' in html
    # Without JavaScript the page reloads itself.
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in html
    assert "Đang chờ" in html
    assert 'aria-valuenow="0"' in html
    assert "job-progress-0" in html
    assert reverse("jobs:download", args=[job.public_id]) not in html
    assert "<script" not in html.split("</main>")[0]
    assert "style=" not in html


def test_job_page_of_a_running_job_shows_its_progress(movement, manager, client_for):
    job = services.job_enqueue(kind=ECHO, by=manager, target=movement)
    services.job_start(job=job)
    services.job_progress(
        job=job, done=37, total=100, message="Laying out page %(page)s", params={"page": 12}
    )
    html = _page(client_for(manager), job).content.decode()
    assert 'aria-valuenow="37"' in html
    assert "job-progress-37" in html
    assert "Đang dàn trang: trang 12" in html
    assert 'hx-trigger="every 2s"' in html


def test_job_page_answers_htmx_with_the_status_alone(movement, manager, client_for):
    job = services.job_enqueue(kind=ECHO, by=manager, target=movement)
    response = _page(client_for(manager), job, **{"HX-Request": "true"})
    html = response.content.decode().strip()
    assert html.startswith('<section id="job-status"')
    assert html.endswith("</section>")
    assert "<html" not in html


def test_job_page_of_a_done_job_stops_asking_and_offers_the_file(
    movement, manager, client_for, run_jobs
):
    with run_jobs():
        job = services.job_enqueue(kind=ECHO, by=manager, target=movement)
    client = client_for(manager)
    html = _page(client, job, **{"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in html
    assert 'aria-valuenow="100"' in html
    assert f'href="{reverse("jobs:download", args=[job.public_id])}"' in html
    assert "Tải về tep-thu.txt" in html
    page = _page(client, job).content.decode()
    assert "http-equiv" not in page
    download = client.get(reverse("jobs:download", args=[job.public_id]))
    assert download.status_code == 200
    assert download["Content-Type"] == "text/plain"
    assert download["Content-Disposition"] == 'attachment; filename="tep-thu.txt"'
    assert "no-store" in download["Cache-Control"]
    assert b"".join(download.streaming_content) == f"{movement.name} {{}}".encode()


def test_job_page_of_a_failed_job_tells_the_error_and_the_reference(
    movement, manager, client_for, run_jobs
):
    with run_jobs():
        job = services.job_enqueue(kind=BROKEN, by=manager, target=movement)
    client = client_for(manager)
    html = _page(client, job).content.decode()
    assert "hx-trigger" not in html
    assert 'role="progressbar"' not in html
    assert "Không chuẩn bị được tệp." in html
    assert str(job.public_id) in html
    assert "the builder broke" not in html  # the details are in the log only
    assert client.get(reverse("jobs:download", args=[job.public_id])).status_code == 404


def test_job_download_of_a_waiting_job_is_not_found(movement, manager, client_for):
    job = services.job_enqueue(kind=ECHO, by=manager, target=movement)
    response = client_for(manager).get(reverse("jobs:download", args=[job.public_id]))
    assert response.status_code == 404


def test_job_page_of_an_unknown_job_is_not_found(manager, client_for):
    url = reverse("jobs:detail", args=["00000000-0000-0000-0000-000000000000"])
    assert client_for(manager).get(url).status_code == 404


# --- who sees a job --------------------------------------------------------------------------


def _answers(client, job) -> list[int]:
    return [
        client.get(reverse(name, args=[job.public_id])).status_code
        for name in ("jobs:detail", "jobs:download")
    ]


def test_job_seen_by_its_requester_and_other_holders_of_the_permission(
    movement, manager, co_manager, people, client_for, run_jobs
):
    with run_jobs():
        job = services.job_enqueue(kind=ECHO, by=manager, target=movement)
    assert _answers(client_for(manager), job) == [200, 200]
    assert _answers(client_for(co_manager), job) == [200, 200]
    for user in [people["outsider"], people["author"], people["clerk"], people["leader"]]:
        assert _answers(client_for(user), job) == [403, 403]


def test_personal_job_seen_by_its_requester_alone(
    movement, manager, co_manager, client_for, run_jobs
):
    with run_jobs():
        job = services.job_enqueue(kind=PERSONAL, by=manager, target=movement)
    assert _answers(client_for(manager), job) == [200, 200]
    assert _answers(client_for(co_manager), job) == [403, 403]


def test_job_no_longer_seen_by_its_requester_after_losing_the_permission(
    movement, manager, client_for, run_jobs
):
    with run_jobs():
        job = services.job_enqueue(kind=ECHO, by=manager, target=movement)
    manager.memberships.all().delete()
    assert _answers(client_for(manager), job) == [403, 403]


def test_job_pages_need_a_login(movement, manager, client):
    job = services.job_enqueue(kind=ECHO, by=manager, target=movement)
    for name in ("jobs:detail", "jobs:download"):
        response = client.get(reverse(name, args=[job.public_id]))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("jobs:mine")).status_code == 302


# --- my jobs ---------------------------------------------------------------------------------


def test_my_jobs_lists_mine_newest_first(movement, manager, co_manager, client_for, run_jobs):
    with run_jobs():
        done = services.job_enqueue(kind=ECHO, by=manager, target=movement, params={"n": 1})
    waiting = services.job_enqueue(kind=ECHO, by=manager, target=movement, params={"n": 2})
    theirs = services.job_enqueue(kind=ECHO, by=co_manager, target=movement)
    response = client_for(manager).get(reverse("jobs:mine"))
    assert [job.pk for job in response.context["page"]] == [waiting.pk, done.pk]
    html = response.content.decode()
    assert str(theirs.public_id) not in html
    assert html.count(reverse("jobs:download", args=[done.public_id])) == 1
    assert reverse("jobs:download", args=[waiting.public_id]) not in html
    assert "Sẵn sàng" in html and "Đang chờ" in html


def test_my_jobs_is_paginated(movement, manager, client_for):
    for n in range(21):
        services.job_enqueue(kind=ECHO, by=manager, target=movement, params={"n": n})
    client = client_for(manager)
    first = client.get(reverse("jobs:mine"))
    second = client.get(reverse("jobs:mine"), {"page": 2})
    assert len(first.context["page"]) == 20
    assert len(second.context["page"]) == 1
    assert "Trang 1/2" in first.content.decode()


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("jobs:mine")).status_code == 200
    return len(queries)


@pytest.mark.parametrize("kind", [ECHO, PERSONAL])
def test_my_jobs_queries_do_not_grow_with_jobs(movement, manager, client_for, run_jobs, kind):
    client = client_for(manager)
    with run_jobs():
        services.job_enqueue(kind=kind, by=manager, target=movement, params={"n": 0})
    one = _list_queries(client)
    with run_jobs():
        for n in range(1, 50):
            services.job_enqueue(kind=kind, by=manager, target=movement, params={"n": n})
    assert _list_queries(client) == one
