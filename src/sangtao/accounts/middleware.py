"""Two-factor sign-in: who must give a one-time code does so before any page.

After the password, a person who must (see `selectors.two_factor_required`) is sent to the
page that sets up their authenticator, or to the page that asks for its code, until the
session is marked verified. The mark lives in the server-side session, bound to the user's id,
so it cannot be forged by the browser and ends with the session.
"""

from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from .selectors import two_factor_device, two_factor_required

SESSION_KEY = "sangtao_two_factor"

# Pages open before the code: the code pages themselves, signing out, the language switch and
# the health check.
OPEN_VIEWS = frozenset(
    {
        "two_factor_setup",
        "two_factor_verify",
        "logout",
        "set_language",
        "healthz",
        "admin:logout",
    }
)


def two_factor_verified(request) -> bool:
    user = request.user
    return request.session.get(SESSION_KEY) == str(user.pk)


def two_factor_mark_verified(request_or_session, user) -> None:
    """Record in the session that `user` gave a valid code (also used by tests/conftest.py)."""
    session = getattr(request_or_session, "session", request_or_session)
    session[SESSION_KEY] = str(user.pk)


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or two_factor_verified(request):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        if not two_factor_required(user=user):
            return None
        name = "two_factor_verify" if two_factor_device(user=user) else "two_factor_setup"
        url = reverse(name)
        if request.method == "GET" and not request.headers.get("HX-Request"):
            url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)
