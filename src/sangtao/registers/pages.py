"""A page of one form bound to one service, for the few pages of a register's app that are not
register pages (an inspection's answer, a comment's response, a consultation's sections): the
form styled, its valid POST written through the service, a message and back; else the form again
(400 with its errors, in Vietnamese next to the fields, nothing saved)."""

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render

from sangtao.core.forms import style_form, submit


def form_page(
    request,
    form: forms.BaseForm,
    write: Callable[[dict], object],
    *,
    done: str,
    next_url: str,
    template: str = "core/register_form.html",
    context: dict | None = None,
    back_url: str | None = None,
):
    """On a valid POST call `write(form.cleaned_data)` (see `core.forms.submit`), say `done` and
    go to `next_url`. Otherwise render `template` with the form, `context` and the back link
    (`back_url`, else `next_url`)."""
    style_form(form)
    saved, _result = submit(request, form, write)
    if saved:
        messages.success(request, done)
        return redirect(next_url)
    return render(
        request,
        template,
        {"form": form, "back_url": back_url or next_url, **(context or {})},
        status=400 if form.errors else 200,
    )
