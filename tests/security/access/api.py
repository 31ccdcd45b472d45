"""Who may open and post to the API app: the token page, the open data, and the JSON API.

The JSON API's dossier operations accept a personal token only (Authorization: Bearer), never
the session of a signed-in browser: asked with a session, as the matrix asks, they answer 401
to everyone (tests/api checks them with tokens, in and outside the subtree). Its public reads
answer everyone; other methods get 405."""

from sangtao.api.services import token_create

from . import Expect, rows

ALL_200 = "200 200 200 200 200 200 200 200 200"
ALL_401 = "401 401 401 401 401 401 401 401 401"
ALL_404 = "404 404 404 404 404 404 404 404 404"
ALL_405 = "405 405 405 405 405 405 405 405 405"
MISSING_UUID = {"public_id": "00000000-0000-4000-8000-000000000000"}


def extend(s):
    if not hasattr(s, "api_token"):
        s.api_token, _raw = token_create(name="matrix", by=s.author)


def _token(w, side):
    """The author's token on that side (made here, outside the requests' savepoints, when the
    world has not called `extend` yet)."""
    s = w.side(side)
    extend(s)
    return {"pk": s.api_token.pk}


def _public(name):
    return Expect(get=rows(own=ALL_200), post=rows(own=ALL_405))


def _token_only(kwargs=None, get=ALL_401, post=ALL_401, unsafe=None):
    if kwargs is None:
        return Expect(get=rows(own=get), post=rows(own=post), unsafe=unsafe or {})
    return Expect(
        kwargs=kwargs,
        missing=lambda w: MISSING_UUID,
        get=rows(own=get, other=get),
        post=rows(own=post, other=post),
        unsafe=unsafe or {},
    )


def _dossier(attribute):
    return lambda w, side: {"public_id": getattr(w.side(side), attribute).public_id}


# Columns: anonymous author clerk officer secretary member chair leader admin
EXPECTATIONS = {
    "api:tokens": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"),
        post=rows(own="login 200 200 200 200 200 200 200 200"),
    ),
    "api:token_revoke": Expect(
        kwargs=_token,
        get=rows(
            own="login 405 405 405 405 405 405 405 405",
            other="login 405 405 405 405 405 405 405 405",
        ),
        post=rows(
            own="login 302 404 404 404 404 404 404 404",
            other="login 404 404 404 404 404 404 404 404",
        ),
    ),
    "api:opendata": Expect(get=rows(own=ALL_200), post=rows(own=ALL_200)),
    "api:opendata_file": Expect(
        kwargs=lambda w, side: {"name": "initiatives.csv"},
        missing=lambda w: {"name": "nothing.csv"},
        get=rows(own=ALL_404, other=ALL_404),
        post=rows(own=ALL_404, other=ALL_404),
    ),
    # django-ninja serves the schema and its page to any method; both are public.
    "api:v1:openapi-json": Expect(get=rows(own=ALL_200), post=rows(own=ALL_200)),
    "api:v1:openapi-view": Expect(get=rows(own=ALL_200), post=rows(own=ALL_200)),
    "api:v1:api-root": Expect(get=rows(own=ALL_404), post=rows(own=ALL_404)),
    "api:v1:public_initiative_list": _public("list"),
    # The forwarded initiative holds a recognition (world.py): a public record for everyone.
    "api:v1:public_initiative_detail": Expect(
        kwargs=_dossier("forwarded"),
        missing=lambda w: MISSING_UUID,
        get=rows(own=ALL_200, other=ALL_200),
        post=rows(own=ALL_405, other=ALL_405),
    ),
    "api:v1:unit_list": _public("units"),
    "api:v1:unit_detail": Expect(
        kwargs=lambda w, side: {"unit_id": w.side(side).school.pk},
        missing=lambda w: {"unit_id": 987_654_321},
        exists_leak="the organisation tree is public: every unit is listed by /api/units",
        get=rows(own=ALL_200, other=ALL_200),
        post=rows(own=ALL_405, other=ALL_405),
    ),
    "api:v1:field_list": _public("fields"),
    "api:v1:movement_list": _public("movements"),
    "api:v1:me": _token_only(post=ALL_405),
    "api:v1:my_initiative_list": _token_only(),
    "api:v1:initiative_create": _token_only(),
    "api:v1:unit_queue": _token_only(post=ALL_405),
    "api:v1:dossier_detail": _token_only(
        _dossier("draft"), post=ALL_405, unsafe={"patch": rows(own=ALL_401, other=ALL_401)}
    ),
    "api:v1:initiative_update": _token_only(
        _dossier("draft"), post=ALL_405, unsafe={"patch": rows(own=ALL_401, other=ALL_401)}
    ),
    "api:v1:initiative_submit": _token_only(_dossier("draft"), get=ALL_405),
    "api:v1:initiative_withdraw": _token_only(_dossier("draft"), get=ALL_405),
    "api:v1:initiative_forward": _token_only(_dossier("forwarded"), get=ALL_405),
    "api:v1:initiative_return": _token_only(_dossier("forwarded"), get=ALL_405),
}
