"""Pages of the API app: personal tokens, the open-data downloads."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import TokenForm
from .opendata import FILES, LICENCE, LICENCE_URL, opendata_dir, opendata_manifest
from .selectors import api_tokens_of


@login_required
def token_list(request):
    """The person's tokens; a new one is shown once, right after it is made."""
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            _token, new_token = services.token_create(
                name=form.cleaned_data["name"], by=request.user
            )
        except ValidationError as error:
            form.add_error("name" if hasattr(error, "error_dict") else None, error)
        else:
            form = TokenForm()
    response = render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "tokens": api_tokens_of(user=request.user),
            "new_token": new_token,
            "docs_url": reverse("api:v1:openapi-view"),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(selectors.api_tokens_of(user=request.user), pk=pk)
    services.token_revoke(token=token, by=request.user)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("api:tokens")


def opendata(request):
    """The open-data page: the files, their licence, when they were built and their rows."""
    manifest = opendata_manifest()
    built_at = None
    files = []
    if manifest:
        built_at = datetime.datetime.fromisoformat(manifest["built_at"])
        files = [{"name": name, "bytes": info["bytes"]} for name, info in manifest["files"].items()]
    return render(
        request,
        "api/opendata.html",
        {
            "manifest": manifest,
            "built_at": built_at,
            "files": files,
            "licence": LICENCE,
            "licence_url": LICENCE_URL,
            "docs_url": reverse("api:v1:openapi-view"),
            "openapi_url": reverse("api:v1:openapi-json"),
        },
    )


def opendata_file(request, name: str):
    if name not in FILES:
        raise Http404
    path = opendata_dir() / name
    if not path.is_file():
        raise Http404
    response = FileResponse(open(path, "rb"), as_attachment=name != "manifest.json", filename=name)
    response["Content-Type"] = FILES[name]
    return response
