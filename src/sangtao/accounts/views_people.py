"""People and roles, for administrators (`accounts.view_people`, then `accounts.manage_people`
on each unit): find a person of one's subtree, see and change their roles, invite a person,
deactivate an account. And the people picker that forms use (`accounts.pick_people`).

A person outside the administrator's subtree is 404 (ids are numbers: another answer would
tell who exists elsewhere); a unit outside it is refused by the form and by the service.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from sangtao.core.forms import picked
from sangtao.core.selectors import CappedPaginator

from . import selectors, services
from .forms import InviteForm, PeopleSearchForm, RoleGrantForm
from .models import Role
from .scope import unit_scope_q

PAGE_SIZE = 50


def _scope(request):
    return unit_scope_q(request.user, {Role.ADMIN})


def _person(request, pk: int):
    person = selectors.person_in_scope(by=request.user, pk=pk)
    if person is None:
        raise Http404
    return person


def _add_errors(form, error) -> None:
    if isinstance(error, PermissionDenied):
        form.add_error(None, _("The unit you chose lies outside the units you administer."))
        return
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


@login_required
@permission_required("accounts.view_people", raise_exception=True)
@require_GET
def people(request):
    form = PeopleSearchForm(request.GET or None)
    query = form.query()
    listing = selectors.people_listing(by=request.user, query=query)
    return render(
        request,
        "accounts/people/list.html",
        {
            "form": form,
            "page": CappedPaginator(listing, PAGE_SIZE).get_page(request.GET.get("page")),
            "query_string": urlencode({"q": query}) if query else "",
        },
    )


def _detail(request, person, grant_form=None, status=200):
    memberships = selectors.person_memberships(person=person)
    revocable = {
        m.pk for m in memberships if request.user.has_perm("accounts.manage_people", m.unit)
    }
    if grant_form is None:
        initial_unit = person.unit.official_code or person.unit.name if person.unit else ""
        grant_form = RoleGrantForm(scope=_scope(request), initial={"unit": initial_unit})
    return render(
        request,
        "accounts/people/detail.html",
        {
            "person": person,
            "memberships": memberships,
            "revocable": revocable,
            "grant_form": grant_form,
        },
        status=status,
    )


@login_required
@permission_required("accounts.view_people", raise_exception=True)
@require_GET
def person_detail(request, pk: int):
    return _detail(request, _person(request, pk))


@login_required
@permission_required("accounts.view_people", raise_exception=True)
@require_POST
def role_grant(request, pk: int):
    person = _person(request, pk)
    form = RoleGrantForm(request.POST, scope=_scope(request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.role_grant(user=person, role=data["role"], unit=data["unit"], by=request.user)
        except (ValidationError, PermissionDenied) as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s now holds the role %(role)s over %(unit)s.")
                % {
                    "person": person.display_name,
                    "role": Role(data["role"]).label,
                    "unit": data["unit"].name,
                },
            )
            return redirect("people_detail", person.pk)
    return _detail(request, person, grant_form=form, status=400)


@login_required
@permission_required("accounts.view_people", raise_exception=True)
@require_POST
def role_revoke(request, pk: int, membership_pk: int):
    person = _person(request, pk)
    membership = get_object_or_404(selectors.role_memberships_of(user=person), pk=membership_pk)
    try:
        services.role_revoke(membership=membership, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The role %(role)s over %(unit)s was taken back.")
            % {"role": membership.get_role_display(), "unit": membership.unit.name},
        )
    return redirect("people_detail", person.pk)


@login_required
@permission_required("accounts.view_people", raise_exception=True)
@require_POST
def person_deactivate(request, pk: int):
    person = _person(request, pk)
    try:
        services.user_deactivate(user=person, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The account of %(person)s is deactivated.") % {"person": person.display_name},
        )
    return redirect("people_detail", person.pk)


@login_required
@permission_required("accounts.view_people", raise_exception=True)
@require_http_methods(["GET", "POST"])
def person_invite(request):
    form = InviteForm(request.POST or None, scope=_scope(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.user_invite(
                **picked(data, "full_name", "email", "phone", "position", "unit", "role"),
                by=request.user,
            )
        except (ValidationError, PermissionDenied) as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                _("%(person)s was invited: the e-mail with the link is on its way to %(email)s.")
                % {"person": person.display_name, "email": person.email},
            )
            return redirect("people_detail", person.pk)
    return render(request, "accounts/people/invite.html", {"form": form})


@login_required
@permission_required("accounts.pick_people", raise_exception=True)
@require_GET
def people_pick(request):
    """The people picker: `?q=` (or `?<field>__q=`, what the widget's box sends) and `field`,
    the name of the form field to fill. HTML radio buttons (checkboxes with `multiple=1`) for
    htmx, or JSON with `format=json`."""
    field = request.GET.get("field", "person")[:60]
    query = (request.GET.get("q") or request.GET.get(f"{field}__q") or "")[:100]
    found = selectors.people_to_pick(by=request.user, query=query)
    if request.GET.get("format") == "json":
        return JsonResponse(
            {
                "results": [
                    {
                        "id": person.pk,
                        "name": person.display_name,
                        "unit": person.unit.name if person.unit else "",
                        "unit_id": person.unit_id,
                        "load": person.load,
                    }
                    for person in found
                ]
            }
        )
    return render(
        request,
        "accounts/people/_picked.html",
        {
            "people": found,
            "field": field,
            "query": query.strip(),
            "multiple": request.GET.get("multiple") == "1",
        },
    )
