"""Every list, with every filter value (crafted ones too: state=draft, unknown states, another
province's unit, any year), shows each role only rows it may open on their detail page.

The world is the access matrix's (tests/security/access/world.py: two provinces, one person per
role in the first), with one initiative per state on each side, titled by a unique marker. A
list "shows" an initiative when its title or public id is in the answer; the role must then
open it: the dossier page (initiatives:detail) or the public page (portal:detail) answers 200.
A council is shown by its name and must open at appraisal:council."""

from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from sangtao.api.services import token_create
from sangtao.initiatives import services
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State

from ..factories import ONE_AUTHOR, complete_dossier
from .access import ROLES
from .access.world import build_world

CRAFTED_STATES = ["", "unknown", "DRAFT", "draft ", "submitted' OR 1=1--"]
YEARS = ["", "all", "2017", "2018", "2019", "2020", "1900", "9999", "abc", "-1", "2018.5"]


def _markers(world) -> list[Initiative]:
    """One initiative per state on each side, with a title nobody else has."""
    made = []
    for side in ("own", "other"):
        s = world.side(side)
        for name, initiative in (("draft", s.draft), ("forwarded", s.forwarded)):
            Initiative.objects.filter(pk=initiative.pk).update(title=f"ZQ-{side}-{name}")
            made.append(initiative)
        dossier = complete_dossier(s.movement, s.school)
        for state in ("submitted", "returned", "withdrawn", "clerk-draft"):
            by = s.clerk if state == "clerk-draft" else s.author
            initiative = services.initiative_create(
                by=by, data=dossier | {"title": f"ZQ-{side}-{state}"}, authors=ONE_AUTHOR
            )
            if state in ("submitted", "returned"):
                services.initiative_submit(initiative=initiative, by=by)
            if state == "returned":
                services.initiative_return(initiative=initiative, by=s.clerk, reason="Thiếu")
            if state == "withdrawn":
                services.initiative_withdraw(initiative=initiative, by=by, reason="Rút")
            made.append(initiative)
    return [Initiative.objects.get(pk=i.pk) for i in made]


def _lists(world) -> list[tuple[str, str]]:
    """(what, url) of every list page and API list with each filter value."""
    own, other = world.own, world.other
    units = [own.province.pk, own.school.pk, other.province.pk, other.school.pk, "abc", 0]
    pages = [("mine", reverse("initiatives:mine") + "?state=draft")]
    for state in [*State.values, *CRAFTED_STATES]:
        query = urlencode({"state": state})
        pages.append(("queue", f"{reverse('initiatives:queue')}?{query}"))
        pages.append(("queue", f"{reverse('initiatives:queue')}?state=submitted&{query}"))
        pages.append(("all dossiers", f"{reverse('initiatives:all')}?{query}"))
        pages.append(("api queue", f"/api/queue?{query}"))
    for year in YEARS:
        pages.append(("councils", f"{reverse('appraisal:list')}?{urlencode({'year': year})}"))
        pages.append(("api public", f"/api/initiatives?{urlencode({'year': year, 'q': 'ZQ'})}"))
        pages.append(("portal", f"{reverse('portal:list')}?{urlencode({'year': year})}"))
    for council in (own.council, other.council):
        pages.append(("ranking", reverse("appraisal:ranking", kwargs={"pk": council.pk})))
    for unit in units:
        for name in ("", "ZQ", "Trần Thị Hoa"):
            query = urlencode({"unit": unit, "name": name})
            pages.append(("register", f"{reverse('honours:register')}?{query}"))
        for q in ("", "ZQ", "GCN"):
            query = urlencode({"unit": unit, "q": q})
            pages.append(("certificates", f"{reverse('certificates:registry')}?{query}"))
        pages.append(("portal", f"{reverse('portal:list')}?{urlencode({'unit': unit})}"))
        pages.append(("queue", f"{reverse('initiatives:queue')}?{urlencode({'unit': unit})}"))
        pages.append(("all dossiers", f"{reverse('initiatives:all')}?{urlencode({'unit': unit})}"))
        pages.append(("api public", f"/api/initiatives?{urlencode({'unit_id': unit})}"))
        pages.append(("api units", f"/api/units?{urlencode({'parent_id': unit})}"))
    pages += [
        ("certificates mine", reverse("certificates:mine")),
        ("api mine", "/api/my/initiatives"),
        ("portal", reverse("portal:list") + "?q=ZQ"),
        ("home", reverse("home")),
    ]
    return pages


def _client(world, role) -> tuple[Client, dict]:
    client = Client()
    headers = {}
    if role != "anonymous":
        user = world.user(role)
        client.force_login(user)
        _token, raw = token_create(name="kiểm tra", by=user)
        headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    return client, headers


@pytest.mark.parametrize("role", [r for r in ROLES])
def test_no_list_shows_a_row_its_reader_may_not_open(role, db):
    world = build_world()
    markers = _markers(world)
    councils = [world.own.council, world.other.council]
    client, headers = _client(world, role)

    def opens(url: str) -> bool:
        return client.get(url).status_code == 200

    may_open = {
        initiative.title: opens(reverse("initiatives:detail", args=[initiative.public_id]))
        or opens(reverse("portal:detail", args=[initiative.public_id]))
        for initiative in markers
    }
    may_open_council = {c.name: opens(reverse("appraisal:council", args=[c.pk])) for c in councils}
    ids = {str(i.public_id): i.title for i in markers}

    leaks, shown = [], set()
    for what, url in _lists(world):
        response = client.get(url, **(headers if url.startswith("/api/") else {}))
        assert response.status_code < 500, (what, url, response.status_code)
        body = response.content.decode()
        for title, allowed in may_open.items():
            seen = title in body or any(t == title and pk in body for pk, t in ids.items())
            if seen:
                shown.add(title)
                if not allowed:
                    leaks.append(f"{what} {url}: shows {title}, which {role} may not open")
        for name, allowed in may_open_council.items():
            if name in body and not allowed:
                leaks.append(f"{what} {url}: shows council {name}, which {role} may not open")
    assert leaks == []
    # The lists still show what the role may open: the check above is not vacuous.
    if role in ("author", "clerk", "officer", "admin"):
        assert "ZQ-own-submitted" in shown


def test_queue_never_lists_drafts_whatever_the_state_asked(db):
    world = build_world()
    _markers(world)
    client, headers = _client(world, "clerk")

    page = client.get(reverse("initiatives:queue") + "?state=draft")
    every = client.get(reverse("initiatives:all") + "?state=draft")
    api = client.get("/api/queue?state=draft", **headers)

    assert page.status_code == every.status_code == 200
    assert [i.title for i in page.context["rows"]] == []
    assert [i.title for i in every.context["rows"]] == []
    assert [i.title for i in client.get(reverse("initiatives:queue")).context["rows"]] == [
        "ZQ-own-submitted"
    ]
    assert ("draft", "Bản nháp") not in page.context["filter_form"].fields["state"].choices
    assert ("draft", "Bản nháp") not in every.context["filter_form"].fields["state"].choices
    assert api.status_code == 403
