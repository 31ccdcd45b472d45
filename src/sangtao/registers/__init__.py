"""Registers: the records a unit (or a movement) keeps, each given its pages by one declaration.

A `Register` names a model, the selector that scopes its rows to what a person may see, the form,
the service functions that write it, the permissions, the columns, the filters and the exported
columns. `register_urls(register)` gives it a list (filters, capped pagination, XLSX export),
a detail page with the row's audit trail, and create, edit, move and delete pages that call the
app's services. Services stay in the app's `services.py`; this module only binds forms to them.
See docs/registers.md for the recipe.

Rows may belong to a parent (a movement's fields): then every page first loads the parent (404),
checks the permissions on the parent (403) and finds the row among the parent's (404).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy
from django.views import View

from sangtao.core.files import XLSX
from sangtao.core.forms import apply_errors, style_form
from sangtao.core.selectors import CappedPaginator, audit_events_of
from sangtao.orgs.text import fold

from .exports import (
    EXPORT_CAP,
    EXPORT_KIND,
    export_cell,
    export_file_name,
    export_limit,
    export_params,
    export_title,
    export_workbook,
)
from .filters import (
    PICK_LIMIT,
    Filter,
    UnitFilter,
    choice_filter,
    filter_form,
    filtered_rows,
    unit_filter_named,
    units_picked,
    year_filter,
)


@dataclass(frozen=True)
class Column:
    """A column of the list and of the export: a label and a dotted attribute path or a
    callable of the row. `link` makes the cell a link to the row's detail page."""

    label: str
    value: str | Callable[[Model], object]
    link: bool = False

    def of(self, row: Model):
        if callable(self.value):
            return self.value(row)
        for name in self.value.split("."):
            row = getattr(row, name) if row is not None else None
        return row() if callable(row) else row  # "get_status_display"


UNIT_COLUMN = Column(gettext_lazy("Unit"), "unit.name")  # the unit that keeps the row


@dataclass(frozen=True)
class Parent:
    """The object the rows belong to: `arg` is both the rows' foreign key and the keyword the
    services take it under (`field_add(movement=...)`); `url_kwarg` names it in the URL."""

    model: type[Model]
    arg: str
    url_kwarg: str = "pk"
    related: tuple[str, ...] = ()  # select_related for the permission check (e.g. "unit")


def folded_search(*lookups: str, fold: Callable[[str], str]) -> Callable[[str], Q]:
    """A search without tones over columns that hold folded text (a `search_key` filled by the
    service with `fold`): every word typed must appear in one of `lookups`."""

    def search(text: str) -> Q:
        query = Q()
        for word in fold(text).split():
            query &= Q.create([(f"{lookup}__contains", word) for lookup in lookups], connector="OR")
        return query

    return search


def model_perms(model: type[Model], *actions: str) -> dict[str, str]:
    """The permissions named the usual way after `model` ("activities.view_event"), as the
    `perm_<action>` keywords of a Register: `**model_perms(Event)` gives list, view, add, change
    and delete; name `actions` for fewer."""
    meta = model._meta
    actions = actions or ("list", "view", "add", "change", "delete")
    return {f"perm_{action}": f"{meta.app_label}.{action}_{meta.model_name}" for action in actions}


@dataclass(frozen=True)
class Register:
    """One register: what a model needs to get its pages. See docs/registers.md."""

    model: type[Model]
    namespace: str  # the app's URL namespace: "movements"
    name: str  # one row, in URL names and as the services' keyword: "field"
    plural: str  # the list's URL name and path: "fields"
    form: type[forms.BaseForm]
    # (user=, parent=) -> the rows `user` may see, with what the columns read joined in
    queryset: Callable[..., QuerySet]
    # services: create(by=, [parent.arg=], **cleaned_data); update(<name>=, data=, by=);
    # delete(<name>=, by=); move(<name>=, offset=, by=). A missing one is a page not offered.
    create: Callable | None = None
    update: Callable | None = None
    delete: Callable | None = None
    move: Callable | None = None
    # permission names, checked on the parent when there is one, else on the row (on nothing
    # for the list and the create page)
    perm_list: str = ""
    perm_view: str = ""
    perm_add: str = ""
    perm_change: str = ""
    perm_delete: str = ""
    parent: Parent | None = None
    columns: Sequence[Column] = ()
    export_columns: Sequence[Column] = ()  # empty: no export
    filters: Sequence[Filter | UnitFilter] = ()  # UnitFilter: a search box, not a <select>
    search: Callable[[str], Q] | None = None  # see folded_search
    form_takes_user: bool = False
    detail: bool = True  # a detail page with history; without it a row's URL is its edit page
    inline_add: bool = False  # the add form sits under the list (short lists of a parent)
    confirm_delete: bool = True  # without it, delete is a POST from the list only
    page_size: int = 25
    texts: dict = field(default_factory=dict)  # added, saved, deleted, edit_title, add_title
    list_template: str = "core/register_list.html"
    form_template: str = "core/register_form.html"
    detail_template: str = "core/register_detail.html"
    delete_template: str = "core/register_confirm_delete.html"
    # (parent=, rows=, **what the view adds) -> more for the list template
    extra_context: Callable[..., dict] | None = None
    # the partial of list_template an htmx request gets (the rows under the filters), if any
    htmx_partial: str = ""

    # -- names and addresses --------------------------------------------------------------

    def url_name(self, page: str) -> str:
        suffix = {"list": self.plural, "create": f"{self.name}_create"}.get(
            page, f"{self.name}_{page}"
        )
        return f"{self.namespace}:{suffix}"

    def url(self, page: str, *, parent=None, row=None) -> str:
        args = [parent.pk] if parent is not None else []
        if row is not None:
            args.append(row.pk)
        return reverse(self.url_name(page), args=args)

    def text(self, key: str, row=None) -> str:
        message = str(self.texts.get(key, DEFAULT_TEXTS[key]))
        return message % {"name": str(row)} if row is not None else message

    def make_form(self, user, data=None, *, instance=None, prefix=None):
        kwargs = {"prefix": prefix}
        if issubclass(self.form, forms.BaseModelForm):
            kwargs["instance"] = instance
        if self.form_takes_user:
            kwargs["user"] = user
        form = self.form(data, **kwargs)
        style_form(form)
        return form


def kept_register(
    *,
    model: type[Model],
    form: type[forms.BaseForm],
    queryset: Callable[..., QuerySet],
    writes: tuple[Callable, Callable, Callable],
    name: str = "",
    plural: str = "",
    **declared,
) -> Register:
    """The register of records a unit keeps, declared the way they all are: the URL namespace is
    the model's app, the URL names are the model's name and its plural with an "s" unless
    `name` and `plural` say otherwise, the form offers the units the person keeps
    (`form_takes_user`), the permissions are named after the model (`model_perms`), the search
    is without tones over the row's `search_key`, and `writes` are its create, update and delete
    services. `declared` gives the rest (columns, filters, texts, templates) as `Register`
    takes them."""
    create, update, delete = writes
    name = name or model._meta.model_name
    return Register(
        model=model,
        namespace=model._meta.app_label,
        name=name,
        plural=plural or f"{name}s",
        form=form,
        form_takes_user=True,
        queryset=queryset,
        create=create,
        update=update,
        delete=delete,
        search=folded_search("search_key", fold=fold),
        **model_perms(model),
        **declared,
    )


DEFAULT_TEXTS = {
    "added": gettext_lazy("The record was added."),
    "saved": gettext_lazy("The record was saved."),
    "deleted": gettext_lazy("The record “%(name)s” was deleted."),
    "add_title": gettext_lazy("Add a record"),
    "edit_title": gettext_lazy("Edit “%(name)s”"),
}


# -- views ------------------------------------------------------------------------------------


class RegisterView(LoginRequiredMixin, View):
    """Loads the parent and the row for every register page and checks the permission."""

    register: Register = None  # set by register_urls
    action = "list"  # which permission: list, view, add, change, delete
    http_method_names = ["get", "post"]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.parent = None
        self.row = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if request.method.lower() not in self.http_method_names:  # before any lookup
            return self.http_method_not_allowed(request, *args, **kwargs)
        register = self.register
        if register.parent is not None:
            parents = register.parent.model._default_manager.select_related(
                *register.parent.related
            )
            self.parent = get_object_or_404(parents, pk=kwargs[register.parent.url_kwarg])
            self.check(self.parent)
        if "item" in kwargs:
            self.row = get_object_or_404(self.rows(), pk=kwargs["item"])
            if self.parent is not None:
                setattr(self.row, register.parent.arg, self.parent)
            else:
                self.check(self.row)
        elif self.parent is None:
            self.check(None)
        return super().dispatch(request, *args, **kwargs)

    def check(self, obj) -> None:
        perm = getattr(self.register, f"perm_{self.action}")
        if perm and not self.request.user.has_perm(perm, obj):
            raise PermissionDenied

    def rows(self) -> QuerySet:
        return self.register.queryset(user=self.request.user, parent=self.parent)

    def context(self, **more) -> dict:
        return {
            "register": self.register,
            "parent": self.parent,
            "row": self.row,
            "back_url": self.register.url("list", parent=self.parent),
            "plural_title": capfirst(self.register.model._meta.verbose_name_plural),
            **more,
        }

    def back(self):
        return redirect(self.register.url("list", parent=self.parent))

    def report(self, error: ValidationError) -> None:
        for message in error.messages:
            messages.error(self.request, message)


class RegisterListView(RegisterView):
    """GET: the filtered, paginated list (`?export=xlsx`: the same rows as a workbook, or, for
    a long list, the page that asks for it in the background).
    POST (inline_add): add a row from the form under the list."""

    def filter_form(self) -> forms.Form:
        return filter_form(
            self.register, user=self.request.user, data=self.request.GET, parent=self.parent
        )

    def filtered(self, form: forms.Form) -> QuerySet:
        return filtered_rows(self.register, form, self.rows(), user=self.request.user)

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not (self.register.inline_add and self.register.create):
            self.http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        return self.page()

    def page(self, add_form=None, **more):
        register = self.register
        form = self.filter_form()
        rows = self.filtered(form)
        if register.export_columns and self.request.GET.get("export") == "xlsx":
            return self.export(rows)
        kept = {key: value for key, value in self.request.GET.items() if key != "page" and value}
        if register.inline_add:
            page = list(rows)
            shown = page
        else:
            page = CappedPaginator(rows, register.page_size).get_page(self.request.GET.get("page"))
            shown = list(page)
        if register.inline_add and add_form is None and register.create is not None:
            add_form = register.make_form(self.request.user, prefix="new")
        context = self.context(
            filter_form=form if (register.filters or register.search) else None,
            page=page,
            rows=shown,
            table=[
                (
                    register.url("detail", parent=self.parent, row=row) if register.detail else "",
                    [(c, c.of(row)) for c in register.columns],
                )
                for row in shown
            ],
            add_url=self.add_url(),
            add_form=add_form,
            query_string=urlencode(kept),
            export_query=urlencode({**kept, "export": "xlsx"}),
        )
        if register.extra_context is not None:
            context.update(register.extra_context(parent=self.parent, rows=shown, **more))
        template = register.list_template
        if register.htmx_partial and getattr(self.request, "htmx", False):
            template = f"{template}#{register.htmx_partial}"
        return render(self.request, template, context)

    def add_url(self) -> str:
        """The create page's address, when the register has one and the user may add."""
        register = self.register
        if register.create is None or register.inline_add:
            return ""
        if not self.request.user.has_perm(register.perm_add, self.parent):
            return ""
        return register.url("create", parent=self.parent)

    def export(self, rows: QuerySet) -> HttpResponse:
        """The workbook at once, up to export_limit() rows; beyond, the page that asks for it
        in the background (a POST to the register's export address)."""
        limit = export_limit()
        if rows.order_by().values("pk")[: limit + 1].count() > limit:
            kept = {k: v for k, v in self.request.GET.items() if k not in ("export", "page") and v}
            return render(
                self.request,
                "core/register_export.html",
                self.context(
                    limit=f"{limit:,}".replace(",", "."),
                    kept=kept,
                    query_string=urlencode(kept),
                    export_url=self.register.url("export", parent=self.parent),
                ),
            )
        content = export_workbook(self.register, rows[:limit], title=export_title(self.register))
        response = HttpResponse(content, content_type=XLSX.content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="{export_file_name(self.register)}"'
        )
        return response

    def post(self, request, *args, **kwargs):
        register = self.register
        form = register.make_form(request.user, request.POST, prefix="new")
        if form.is_valid():
            try:
                create_row(register, form, parent=self.parent, by=request.user)
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, register.text("added"))
                return self.back()
        return self.page(add_form=form)


class RegisterExportView(RegisterView):
    """POST (the filters of the list): ask for the list's workbook in the background, then
    follow the job's page. Only the person who asked sees the job and its file."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        from sangtao.jobs.services import job_enqueue

        register = self.register
        if not register.export_columns:
            raise Http404
        form = filter_form(register, user=request.user, data=request.POST, parent=self.parent)
        if not form.is_valid():
            return self.back()
        args = [self.parent.pk] if self.parent is not None else []
        params = export_params(list_name=register.url_name("list"), args=args, query=request.POST)
        job = job_enqueue(kind=EXPORT_KIND, by=request.user, target=request.user, params=params)
        return redirect(job)


class RegisterPickView(RegisterView):
    """The unit picker's answer (htmx): the units of a UnitFilter matching what was typed."""

    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        item = unit_filter_named(self.register, kwargs["filter"])
        if item is None:
            raise Http404
        typed = request.GET.get(f"{item.name}__q") or request.GET.get("q") or ""
        units = units_picked(item, user=request.user, text=typed)
        context = {
            "units": units[:PICK_LIMIT],
            "more": len(units) > PICK_LIMIT,
            "field": item.name,
            "typed": bool(units) or len(typed.strip()) >= 2,
        }
        return render(request, "core/_unit_choices.html", context)


def create_row(register: Register, form, *, parent, by):
    """Call the register's create service with the form's values (and the parent)."""
    owner = {register.parent.arg: parent} if register.parent is not None else {}
    return register.create(by=by, **owner, **form.cleaned_data)


class RegisterDetailView(RegisterView):
    """The row, its columns and its audit trail (newest first)."""

    action = "view"
    http_method_names = ["get"]

    def get(self, request, *args, **kwargs):
        row = self.row
        return render(
            request,
            self.register.detail_template,
            self.context(
                cells=[(c, c.of(row)) for c in self.register.columns],
                history=list(audit_events_of(target=row)[:50]),
                edit_url=self.allowed("edit", self.register.update, self.register.perm_change),
                delete_url=self.allowed("delete", self.register.delete, self.register.perm_delete),
            ),
        )

    def allowed(self, page: str, service, perm: str) -> str:
        """The address of `page` for this row when it exists and the user may use it."""
        target = self.parent if self.parent is not None else self.row
        if service is None or not self.request.user.has_perm(perm, target):
            return ""
        return self.register.url(page, parent=self.parent, row=self.row)


class RegisterEditView(RegisterView):
    """Create (no row in the URL) or edit a row through the register's services."""

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.action = "change" if "item" in kwargs else "add"

    def get(self, request, *args, **kwargs):
        return self.show(self.register.make_form(request.user, instance=self.row))

    def post(self, request, *args, **kwargs):
        register = self.register
        form = register.make_form(request.user, request.POST, instance=self.row)
        if form.is_valid():
            try:
                if self.row is None:
                    row = create_row(register, form, parent=self.parent, by=request.user)
                else:
                    row = register.update(
                        **{register.name: self.row}, data=form.cleaned_data, by=request.user
                    )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(request, register.text("added" if self.row is None else "saved"))
                if register.detail:
                    return redirect(register.url("detail", parent=self.parent, row=row))
                return self.back()
        return self.show(form)

    def show(self, form):
        register = self.register
        title = (
            register.text("add_title")
            if self.row is None
            else register.text("edit_title", self.row)
        )
        return render(self.request, register.form_template, self.context(form=form, title=title))


class RegisterDeleteView(RegisterView):
    """GET: ask (when the register confirms deletes); POST: delete through the service. A
    refusal (the row is in use, deleting would lose history) comes back as a message."""

    action = "delete"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if not self.register.confirm_delete:  # a button of the list: POST only
            self.http_method_names = ["post"]

    def get(self, request, *args, **kwargs):
        return render(request, self.register.delete_template, self.context())

    def post(self, request, *args, **kwargs):
        register, row = self.register, self.row
        try:
            register.delete(**{register.name: row}, by=request.user)
        except ValidationError as error:
            self.report(error)
            if register.detail:
                return redirect(register.url("detail", parent=self.parent, row=row))
        else:
            messages.success(request, register.text("deleted", row))
        return self.back()


class RegisterMoveView(RegisterView):
    """POST offset=-1 or 1: move the row up or down its parent's ordered list."""

    action = "change"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        offset = -1 if request.POST.get("offset") == "-1" else 1
        self.register.move(**{self.register.name: self.row}, offset=offset, by=request.user)
        return self.back()


def register_urls(register: Register) -> list:
    """The URL patterns of a register, to add to the app's `urlpatterns`.

    Without a parent: `<plural>/`, `<plural>/new/`, `<plural>/<item>/`, `<plural>/<item>/edit/`,
    `<plural>/<item>/delete/`. With one, the same below `<int:pk>/`. Without a detail page the
    row's own address is its edit page (`<plural>/<item>/`).
    """
    base = f"<int:{register.parent.url_kwarg}>/" if register.parent else ""
    base += f"{register.plural}/"
    row = f"{base}<int:item>/"

    def view(cls):
        return cls.as_view(register=register)

    def name(page):
        return register.url_name(page).split(":", 1)[1]

    patterns = [path(base, view(RegisterListView), name=name("list"))]
    if register.export_columns:
        patterns.append(path(f"{base}export/", view(RegisterExportView), name=name("export")))
    if any(isinstance(item, UnitFilter) for item in register.filters):
        pick = f"{base}pick/<slug:filter>/"
        patterns.append(path(pick, view(RegisterPickView), name=name("pick")))
    if register.create is not None and not register.inline_add:
        patterns.append(path(f"{base}new/", view(RegisterEditView), name=name("create")))
    if register.detail:
        patterns.append(path(row, view(RegisterDetailView), name=name("detail")))
    if register.update is not None:
        edit = f"{row}edit/" if register.detail else row
        patterns.append(path(edit, view(RegisterEditView), name=name("edit")))
    if register.move is not None:
        patterns.append(path(f"{row}move/", view(RegisterMoveView), name=name("move")))
    if register.delete is not None:
        patterns.append(path(f"{row}delete/", view(RegisterDeleteView), name=name("delete")))
    return patterns


__all__ = [
    "Column",
    "EXPORT_CAP",
    "EXPORT_KIND",
    "Filter",
    "Parent",
    "Register",
    "RegisterDeleteView",
    "RegisterDetailView",
    "RegisterEditView",
    "RegisterExportView",
    "RegisterListView",
    "RegisterMoveView",
    "RegisterPickView",
    "UNIT_COLUMN",
    "UnitFilter",
    "choice_filter",
    "export_cell",
    "export_workbook",
    "folded_search",
    "kept_register",
    "model_perms",
    "register_urls",
    "year_filter",
]
