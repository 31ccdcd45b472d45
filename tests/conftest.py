"""Shared fixtures: a small tree of Tây Ninh, a movement, and one person per role."""

import pytest
from django.contrib.auth import SESSION_KEY as SIGNED_IN_USER
from django.core.cache import caches
from django.http import HttpRequest
from django.test import Client
from django.utils import translation

from sangtao.accounts.middleware import SESSION_KEY as TWO_FACTOR_VERIFIED
from sangtao.accounts.models import Role

from . import factories as f


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """After pytest-randomly's shuffle, group the tests again as Django runs them: those in a
    rolled-back transaction first, then those on committed rows (which flush the database
    after themselves), then those without a database; each group stays in random order."""
    from pytest_django.plugin import pytest_collection_modifyitems as django_order

    django_order(items)


def pytest_terminal_summary(terminalreporter, config):
    """The random order's seed, also under -q (pytest-randomly prints it in the header only
    when the output is verbose), so a failure that depends on the order can be replayed."""
    seed = getattr(config.option, "randomly_seed", None)
    if isinstance(seed, int) and config.pluginmanager.has_plugin("randomly"):
        terminalreporter.write_line(f"Random order: replay this order with --randomly-seed={seed}")


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "private"), "base_url": None},
        },
    }
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # A fast hasher: the real one costs a third of a second per user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _site_language(settings):
    """Each test starts in the site's language: a page asked in another language leaves that
    language active in the thread (LocaleMiddleware does not restore it)."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: figures and panels kept by one test (for ids a
    later test may reuse) never answer another."""
    for each in caches.all():
        each.clear()


@pytest.fixture(autouse=True)
def _signed_in_fully(monkeypatch):
    """`Client.login` and `Client.force_login` stand for a complete sign-in: password and,
    for officers, administrators and chairs, the one-time code. The real steps (lock-out,
    second factor) are tested through the pages in tests/security.

    The lock-out backend needs the request to count failures by address, which
    `Client.login` does not pass: it gets one from 127.0.0.1.
    """
    login, force_login = Client.login, Client.force_login

    def _verify(client) -> None:
        session = client.session
        session[TWO_FACTOR_VERIFIED] = session[SIGNED_IN_USER]
        session.save()

    def login_fully(self, **credentials):
        request = HttpRequest()
        request.META["REMOTE_ADDR"] = "127.0.0.1"
        credentials.setdefault("request", request)
        done = login(self, **credentials)
        if done:
            _verify(self)
        return done

    def force_login_fully(self, user, backend=None):
        force_login(self, user, backend)
        _verify(self)

    monkeypatch.setattr(Client, "login", login_fully)
    monkeypatch.setattr(Client, "force_login", force_login_fully)


@pytest.fixture(autouse=True)
def _tasks_at_once(settings):
    """Background tasks (sangtao.jobs) run at once, in the test's process, with django-tasks'
    immediate backend; tests/jobs/test_worker.py runs the real database backend and worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def run_jobs(django_capture_on_commit_callbacks):
    """`with run_jobs(): client.post(...)`: the jobs asked for inside run when the test's
    transaction would commit (a test's transaction never does)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def reference_data(transactional_db):
    """The levels and unit kinds of the orgs migration, for a test on committed rows (the live
    server, the worker), which may run after another flushed them (the factories put them back
    too). Not a serialized copy of the database: Django cannot restore one after a flush made
    inside Playwright's context."""
    f.reference_data_ensure()


@pytest.fixture
def tree(db):
    """central > province (Tây Ninh) > {district Tân Châu > commune, member org > school}."""
    central = f.make_unit("Ủy ban Trung ương MTTQ Việt Nam", level_code="central")
    province = f.make_unit("Ủy ban MTTQ Việt Nam tỉnh Tây Ninh", parent=central)
    district = f.make_unit("Ủy ban MTTQ Việt Nam huyện Tân Châu", parent=province)
    commune = f.make_unit("Ủy ban MTTQ Việt Nam xã Tân Hòa", parent=district)
    school = f.make_unit(
        "Trường THCS Tân Hòa", parent=commune, kind_code="school", level_code="grassroots"
    )
    other_district = f.make_unit("Ủy ban MTTQ Việt Nam huyện Gò Dầu", parent=province)
    other_school = f.make_unit(
        "Trường THPT Gò Dầu", parent=other_district, kind_code="school", level_code="grassroots"
    )
    return {
        "central": central,
        "province": province,
        "district": district,
        "commune": commune,
        "school": school,
        "other_district": other_district,
        "other_school": other_school,
    }


@pytest.fixture
def movement(tree):
    return f.make_movement(tree["province"])


@pytest.fixture
def people(tree):
    return {
        "author": f.make_user(
            "tacgia", unit=tree["school"], roles=((Role.AUTHOR, tree["school"]),)
        ),
        "clerk": f.make_user(
            "vanthu", unit=tree["commune"], roles=((Role.CLERK, tree["commune"]),)
        ),
        "other_clerk": f.make_user(
            "vanthu2", unit=tree["other_district"], roles=((Role.CLERK, tree["other_district"]),)
        ),
        "officer": f.make_user(
            "phongtrao", unit=tree["province"], roles=((Role.OFFICER, tree["province"]),)
        ),
        "secretary": f.make_user(
            "thuky", unit=tree["commune"], roles=((Role.SECRETARY, tree["commune"]),)
        ),
        "leader": f.make_user(
            "lanhdao", unit=tree["district"], roles=((Role.LEADER, tree["district"]),)
        ),
        "outsider": f.make_user(
            "nguoingoai",
            unit=tree["other_school"],
            roles=((Role.AUTHOR, tree["other_school"]),),
        ),
    }


@pytest.fixture
def client_for():
    def make(user) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
