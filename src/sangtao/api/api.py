"""The JSON API (django-ninja): public records for anyone, dossiers for token holders.

Every write calls the same service as the pages (`initiatives.services`), with the same
`rules` permissions and the same form checks, so the API and the pages cannot drift apart.
Errors come back as JSON `{"detail": "...", "errors": {field: [...]}}` in Vietnamese.
"""

import uuid

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Query, Router, Status
from ninja.decorators import decorate_view
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.docs import DocsBase
from ninja.security import HttpBearer

from sangtao.core.public_pages import public_page
from sangtao.core.selectors import count_capped
from sangtao.core.validators import MULTI_LINE_MESSAGE, SINGLE_LINE_MESSAGE
from sangtao.initiatives import services as initiative_services
from sangtao.initiatives.forms import AuthorFormSet, InitiativeForm
from sangtao.initiatives.models import Initiative, InitiativeAuthor
from sangtao.initiatives.selectors import initiative_list_own, initiative_unit_queue
from sangtao.movements.models import Field, Movement
from sangtao.orgs.models import OrgUnit

from . import schemas as s
from .selectors import public_queryset, public_rows
from .services import token_use

ERRORS = {400: s.ErrorOut, 401: s.ErrorOut, 403: s.ErrorOut, 404: s.ErrorOut, 422: s.ErrorOut}
WRITE_ERRORS = {**ERRORS, 409: s.ErrorOut}
MAX_OFFSET = 10_000_000


class TokenAuth(HttpBearer):
    """`Authorization: Bearer st_...`, a personal token made on the tokens page."""

    def authenticate(self, request, token):
        user = token_use(raw=token)
        if user is not None:
            request.user = user
        return user


class Docs(DocsBase):
    """Swagger UI from the site's own static files (no CDN), under the site's CSP."""

    def render_page(self, request, api, **kwargs):
        return render(
            request,
            "api/docs.html",
            {
                "openapi_url": reverse("api:v1:openapi-json"),
                "opendata_url": reverse("api:opendata"),
            },
        )


api = NinjaAPI(
    title="Sáng tạo API",
    version="1",
    description=(
        "Cơ sở dữ liệu mở về sáng kiến của phong trào “Đoàn kết sáng tạo”: đọc công khai các "
        "sáng kiến đã được công nhận; người đã đăng nhập dùng mã truy cập cá nhân "
        "(Authorization: Bearer …) để lập, nộp và xử lý hồ sơ trong phạm vi quyền của mình."
    ),
    urls_namespace="api:v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=Docs(),
)


# --- errors ---------------------------------------------------------------------------------


def _error(request, status: int, detail: str, errors: dict | None = None):
    return api.create_response(request, {"detail": detail, "errors": errors or {}}, status=status)


PYDANTIC_MESSAGES = {
    "missing": gettext_lazy("This field is required."),
    "string_too_long": gettext_lazy("This text is too long."),
    "string_too_short": gettext_lazy("This text is too short."),
    "too_long": gettext_lazy("Too many items."),
    "greater_than": gettext_lazy("This number is too small."),
    "greater_than_equal": gettext_lazy("This number is too small."),
    "less_than_equal": gettext_lazy("This number is too large."),
    "enum": gettext_lazy("This is not one of the allowed values."),
    "uuid_parsing": gettext_lazy("This is not a valid identifier."),
    "int_parsing": gettext_lazy("Enter a whole number."),
    "date_from_datetime_parsing": gettext_lazy("Enter a date as YYYY-MM-DD."),
    "single_line_controls": SINGLE_LINE_MESSAGE,
    "multi_line_controls": MULTI_LINE_MESSAGE,
}


@api.exception_handler(NinjaValidationError)
def _invalid_input(request, exc):
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload")]
        key = ".".join(location[1:] if location[:1] in (["query"], ["path"]) else location)
        message = PYDANTIC_MESSAGES.get(error.get("type"), gettext_lazy("This value is not valid."))
        errors.setdefault(key or "__all__", []).append(str(message))
    return _error(request, 422, _("The data sent is not valid."), errors)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    response = _error(request, 401, _("Give a valid personal token: Authorization: Bearer …"))
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def _http_error(request, exc):
    if exc.status_code == 400:
        return _error(request, 400, _("The request could not be read (expected JSON)."))
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return _error(request, 403, _("You are not allowed to do this."))


@api.exception_handler(Http404)
def _not_found(request, exc):
    return _error(request, 404, _("Not found."))


@api.exception_handler(ObjectDoesNotExist)
def _no_object(request, exc):
    return _error(request, 404, _("Not found."))


@api.exception_handler(DjangoValidationError)
def _refused(request, exc):
    """A service refused: a dossier problem (422, by field) or a step not possible now (409)."""
    if hasattr(exc, "error_dict"):
        return _error(request, 422, _("The data sent is not valid."), exc.message_dict)
    return _error(request, 409, " ".join(exc.messages))


# --- public records ---------------------------------------------------------------------------

public = Router(tags=["public"])


def _page(queryset, page: "PageQuery") -> tuple[dict, object]:
    """A page's head (the rows counted up to COUNT_CAP, `count_capped` when there are more)
    and its rows."""
    count, capped = count_capped(queryset)
    head = {"count": count, "count_capped": capped, "limit": page.limit, "offset": page.offset}
    return head, queryset[page.offset : page.offset + page.limit]


class PageQuery(s.Schema):
    limit: int = s.Field(25, ge=1, le=100)
    offset: int = s.Field(0, ge=0, le=MAX_OFFSET)


class InitiativeFilters(PageQuery):
    q: str = s.Field(
        "",
        max_length=200,
        description="Words to search, with or without tones (ranked by relevance).",
    )
    field_id: int | None = s.Id
    level_id: int | None = s.Field(None, ge=1, le=2**62, description="Level of recognition.")
    grade_id: int | None = s.Id
    movement_id: int | None = s.Id
    kind: s.Kind | None = None
    year: int | None = s.Field(None, ge=1900, le=2200)
    unit_id: int | None = s.Field(
        None, ge=1, le=2**62, description="The unit and its whole subtree."
    )


@public.get(
    "/initiatives",
    response={200: s.PublicInitiativePage, **ERRORS},
    operation_id="public_initiative_list",
    summary="Recognised initiatives (public records)",
    auth=None,
)
@decorate_view(public_page)
def public_initiative_list(request, filters: Query[InitiativeFilters]):
    unit = None
    if filters.unit_id is not None:
        unit = OrgUnit.objects.filter(pk=filters.unit_id).first()
        if unit is None:
            raise Http404
    queryset = public_queryset(
        query=filters.q,
        level_id=filters.level_id,
        grade_id=filters.grade_id,
        field_id=filters.field_id,
        movement_id=filters.movement_id,
        kind=filters.kind.value if filters.kind else None,
        year=filters.year,
        unit=unit,
    )
    head, rows = _page(queryset, filters)
    return head | {"items": public_rows(rows)}


@public.get(
    "/initiatives/{public_id}",
    response={200: s.PublicInitiativeOut, **ERRORS},
    operation_id="public_initiative_detail",
    summary="One recognised initiative",
    auth=None,
)
def public_initiative_detail(request, public_id: uuid.UUID):
    rows = public_rows(public_queryset().filter(public_id=public_id))
    if not rows:
        raise Http404
    return rows[0]


class UnitFilters(PageQuery):
    parent_id: int | None = s.Id
    level: str | None = s.Field(None, max_length=30, pattern=r"^[a-z_-]+$")


def _unit_values():
    return OrgUnit.objects.select_related("level", "kind").values(
        "id",
        "name",
        "short_name",
        "parent_id",
        "depth",
        "official_code",
        "valid_from",
        "valid_to",
        level_code=F("level__code"),
        kind_code=F("kind__code"),
    )


def _unit_out(row: dict) -> dict:
    row["level"], row["kind"] = row.pop("level_code"), row.pop("kind_code")
    return row


@public.get(
    "/units",
    response={200: s.UnitPage, **ERRORS},
    operation_id="unit_list",
    summary="Units of the organisation tree",
    auth=None,
)
def unit_list(request, filters: Query[UnitFilters]):
    queryset = _unit_values().order_by("path")
    if filters.parent_id is not None:
        queryset = queryset.filter(parent_id=filters.parent_id)
    if filters.level:
        queryset = queryset.filter(level__code=filters.level)
    head, rows = _page(queryset, filters)
    return head | {"items": [_unit_out(row) for row in rows]}


@public.get(
    "/units/{unit_id}",
    response={200: s.UnitOut, **ERRORS},
    operation_id="unit_detail",
    summary="One unit",
    auth=None,
)
def unit_detail(request, unit_id: int):
    return _unit_out(_unit_values().get(pk=unit_id))


class FieldFilters(PageQuery):
    movement_id: int | None = s.Id


@public.get(
    "/fields",
    response={200: s.FieldPage, **ERRORS},
    operation_id="field_list",
    summary="Fields of the movements",
    auth=None,
)
def field_list(request, filters: Query[FieldFilters]):
    queryset = Field.objects.order_by("movement_id", "order", "id").values(
        "id", "name", "description", "movement_id"
    )
    if filters.movement_id is not None:
        queryset = queryset.filter(movement_id=filters.movement_id)
    head, rows = _page(queryset, filters)
    return head | {"items": list(rows)}


@public.get(
    "/movements",
    response={200: s.MovementPage, **ERRORS},
    operation_id="movement_list",
    summary="Emulation movements",
    auth=None,
)
def movement_list(request, filters: Query[PageQuery]):
    queryset = Movement.objects.order_by("-start_year", "name", "id").values(
        "id", "name", "theme", "unit_id", "start_year", "end_year"
    )
    head, rows = _page(queryset, filters)
    return head | {"items": list(rows)}


# --- dossiers, for token holders ---------------------------------------------------------------

private = Router(tags=["dossiers"], auth=TokenAuth())


def _dossier_queryset():
    return Initiative.objects.select_related("unit", "field", "round").prefetch_related(
        Prefetch("authors", queryset=InitiativeAuthor.objects.order_by("order", "id")),
        "campaigns",
    )


def _dossier_out(initiative: Initiative, user) -> dict:
    """The dossier as `user` may read it: who appraises it in a blind council gets no unit,
    no authors and no collective's name (`initiatives.view_authors`), as on the pages."""
    out = {
        **{
            name: getattr(initiative, name)
            for name in s.DossierOut.model_fields
            if hasattr(initiative, name) and name not in {"unit", "authors", "problems"}
        },
        "unit": initiative.unit.name,
        "campaign_ids": [campaign.pk for campaign in initiative.campaigns.all()],
        "authors": [
            {
                "full_name": a.full_name,
                "unit_name": a.unit_name,
                "position": a.position,
                "share": a.share,
                "is_me": a.user_id == user.pk,
            }
            for a in initiative.authors.all()
        ],
        "problems": initiative_services.dossier_problems(initiative)
        if initiative.is_editable
        else {},
    }
    if not user.has_perm("initiatives.view_authors", initiative):
        out |= {"unit_id": None, "unit": "", "collective_name": "", "authors": []}
    return out


def _dossier(request, public_id, step: str = "") -> Initiative:
    """The dossier if the user may `step` it ("edit", a transition's name, or only see it):
    404 when they may not even see it (nobody learns what exists elsewhere), 403 when they see
    it but may not do this — as on the pages — and 409 when they may, but not in the
    dossier's present state (`initiatives.services.step_check`, from the table)."""
    initiative = _dossier_queryset().filter(public_id=public_id).first()
    if initiative is None or not request.user.has_perm("initiatives.view_initiative", initiative):
        raise Http404
    if step:
        initiative_services.step_check(initiative=initiative, by=request.user, name=step)
    return initiative


def _step(request, public_id, name: str, reason: str = "") -> dict:
    """Take the step `name` of the table (initiatives/states.py) and return the dossier."""
    initiative = _dossier(request, public_id, name)
    initiative_services.transition_run(
        initiative=initiative, name=name, by=request.user, reason=reason
    )
    return _dossier_out(_dossier_queryset().get(pk=initiative.pk), request.user)


def _dossier_page(queryset, page: PageQuery, user) -> dict:
    """One page of a selector's dossiers: the ids first, then the rows with what they show."""
    head, page_rows = _page(queryset.values_list("pk", flat=True), page)
    ids = list(page_rows)
    rows = {initiative.pk: initiative for initiative in _dossier_queryset().filter(pk__in=ids)}
    return head | {"items": [_dossier_out(rows[pk], user) for pk in ids]}


@private.get(
    "/me",
    response={200: s.MeOut, **ERRORS},
    operation_id="me",
    summary="Who the token belongs to, and their roles",
)
def me(request):
    user = request.user
    roles = user.memberships.select_related("unit").order_by("role", "unit__path")
    return {
        "username": user.username,
        "full_name": user.display_name,
        "unit_id": user.unit_id,
        "roles": [{"role": m.role, "unit_id": m.unit_id, "unit": m.unit.name} for m in roles],
    }


@private.get(
    "/my/initiatives",
    response={200: s.DossierPage, **ERRORS},
    operation_id="my_initiative_list",
    summary="The initiatives I filed or am credited on",
)
def my_initiative_list(request, page: Query[PageQuery]):
    return _dossier_page(initiative_list_own(user=request.user), page, request.user)


def _bind(request, payload: s.DossierIn, initiative: Initiative | None):
    """Check the payload with the page's own forms (open rounds, the user's units, shares)."""
    user = request.user
    instance = initiative or Initiative(created_by=user, unit_id=user.unit_id)
    given = payload.model_dump(exclude_unset=True)
    data = {}
    if initiative is not None:
        data = {
            "kind": initiative.kind,
            "title": initiative.title,
            "round": initiative.round_id,
            "field": initiative.field_id,
            "unit": initiative.unit_id,
            "summary": initiative.summary,
            "essence": initiative.essence,
            "first_applied_on": initiative.first_applied_on,
            "application_scope": initiative.application_scope,
            "benefits": initiative.benefits,
            "yearly_saving_vnd": initiative.yearly_saving_vnd,
            "conditions": initiative.conditions,
            "campaigns": [c.pk for c in initiative.campaigns.all()],
            "confidential_sections": list(initiative.confidential_sections),
            "confidential_note": initiative.confidential_note,
            "is_collective": initiative.is_collective,
            "collective_name": initiative.collective_name,
        }
    else:
        data = {"kind": Initiative.Kind.INITIATIVE, "unit": user.unit_id}
    renames = {"round_id": "round", "field_id": "field", "unit_id": "unit"}
    for key, value in given.items():
        if key == "authors":
            continue
        if key == "campaign_ids":
            data["campaigns"] = value or []
        elif key == "confidential_sections":
            data[key] = [getattr(v, "value", v) for v in value or []]
        elif key == "kind":
            data[key] = getattr(value, "value", value)
        else:
            data[renames.get(key, key)] = "" if value is None else value
    data = {k: ("" if v is None else v) for k, v in data.items()}
    form = InitiativeForm(data, instance=instance, user=user)
    authors = None
    author_rows = given.get("authors")
    if author_rows is not None:
        formset_data = {
            "authors-TOTAL_FORMS": str(len(author_rows)),
            "authors-INITIAL_FORMS": "0",
            "authors-MIN_NUM_FORMS": "0",
            "authors-MAX_NUM_FORMS": "30",
        }
        for index, row in enumerate(author_rows):
            for key, value in row.items():
                formset_data[f"authors-{index}-{key}"] = str(value)
        # The API names no account but the holder's own (`is_me`).
        authors = AuthorFormSet(formset_data, prefix="authors", user=user)
    errors: dict[str, list[str]] = {}
    if not form.is_valid():
        back = {v: k for k, v in renames.items()} | {"campaigns": "campaign_ids"}
        for name, messages in form.errors.items():
            errors[back.get(name, name)] = list(messages)
    if authors is not None and not authors.is_valid():
        for index, row_errors in enumerate(authors.errors):
            for name, messages in row_errors.items():
                errors[f"authors.{index}.{name}"] = list(messages)
        if authors.non_form_errors():
            errors["authors"] = list(authors.non_form_errors())
    if errors:
        raise DjangoValidationError(errors)
    cleaned = {k: v for k, v in form.cleaned_data.items() if k != "campaigns"}
    return cleaned, form.cleaned_data["campaigns"], authors.rows() if authors else None


@private.post(
    "/my/initiatives",
    response={201: s.DossierOut, **WRITE_ERRORS},
    operation_id="initiative_create",
    summary="Start a draft dossier",
)
def initiative_create(request, payload: s.DossierIn):
    if not request.user.has_perm("initiatives.add_initiative"):
        raise PermissionDenied
    data, campaigns, authors = _bind(request, payload, None)
    initiative = initiative_services.initiative_create(
        by=request.user, data=data, campaigns=campaigns, authors=authors
    )
    return Status(201, _dossier_out(_dossier_queryset().get(pk=initiative.pk), request.user))


@private.get(
    "/dossiers/{public_id}",
    response={200: s.DossierOut, **ERRORS},
    operation_id="dossier_detail",
    summary="A dossier I may see",
)
def dossier_detail(request, public_id: uuid.UUID):
    return _dossier_out(_dossier(request, public_id), request.user)


@private.patch(
    "/dossiers/{public_id}",
    response={200: s.DossierOut, **WRITE_ERRORS},
    operation_id="initiative_update",
    summary="Change a draft (or a returned dossier); only the fields given change",
)
def initiative_update(request, public_id: uuid.UUID, payload: s.DossierIn):
    initiative = _dossier(request, public_id, "edit")
    data, campaigns, authors = _bind(request, payload, initiative)
    initiative_services.initiative_update(
        initiative=initiative,
        by=request.user,
        data=data,
        campaigns=campaigns if "campaign_ids" in payload.model_fields_set else None,
        authors=authors,
    )
    return _dossier_out(_dossier_queryset().get(pk=initiative.pk), request.user)


@private.post(
    "/dossiers/{public_id}/submit",
    response={200: s.DossierOut, **WRITE_ERRORS},
    operation_id="initiative_submit",
    summary="Submit a complete dossier to its unit",
)
def initiative_submit(request, public_id: uuid.UUID):
    return _step(request, public_id, "submit")


@private.post(
    "/dossiers/{public_id}/withdraw",
    response={200: s.DossierOut, **WRITE_ERRORS},
    operation_id="initiative_withdraw",
    summary="Withdraw an initiative no council has taken up",
)
def initiative_withdraw(request, public_id: uuid.UUID, payload: s.WithdrawIn):
    return _step(request, public_id, "withdraw", payload.reason)


class QueueQuery(PageQuery):
    state: s.StateName = s.StateName.submitted


@private.get(
    "/queue",
    response={200: s.DossierPage, **ERRORS},
    operation_id="unit_queue",
    summary="The dossiers waiting in my units' queue",
)
def unit_queue(request, filters: Query[QueueQuery]):
    if not request.user.has_perm("initiatives.view_unit_queue"):
        raise PermissionDenied
    if filters.state == s.StateName.draft:
        raise PermissionDenied
    return _dossier_page(
        initiative_unit_queue(user=request.user, state=filters.state.value), filters, request.user
    )


@private.post(
    "/dossiers/{public_id}/forward",
    response={200: s.DossierOut, **WRITE_ERRORS},
    operation_id="initiative_forward",
    summary="Forward a submitted dossier to the council (clerks)",
)
def initiative_forward(request, public_id: uuid.UUID, payload: s.NoteIn):
    return _step(request, public_id, "forward", payload.note)


@private.post(
    "/dossiers/{public_id}/return",
    response={200: s.DossierOut, **WRITE_ERRORS},
    operation_id="initiative_return",
    summary="Return a submitted dossier to its author, saying why (clerks)",
)
def initiative_return(request, public_id: uuid.UUID, payload: s.ReasonIn):
    return _step(request, public_id, "return", payload.reason)


api.add_router("/", public)
api.add_router("/", private)
