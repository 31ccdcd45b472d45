"""Guards once: a view names, in one decorator, the object it works on and the permission it
needs (appraisal's `council_permission` wraps `object_permission`). Services check their own
rules again: the decorator is what the person meets, not the only line of defence.

A page that loads its row itself runs `seen_and_allowed`: a row the person may not see is "not
found" (nobody learns what exists in other units), one they see but may not act on is
"forbidden"."""

import functools
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .services import require

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def object_permission(
    perm, *, load, visible, refuse, post=None, message="", state=None, ready=None, name: str = "obj"
) -> Callable:
    """Decorate `view(request, <name>, **other url kwargs)`; the person must be signed in.
    In order: `load(request, kwargs)` pops the URL arguments it uses and returns the object
    (None for no object; Http404 when missing); 404 without `visible` on it (guessing numbers
    tells nobody what exists elsewhere); `state(request, obj, kwargs)` may answer (a sealed
    council refusing a write); `perm` through `require`, with `message` as the reason, and
    `refuse(request, reason, obj)` as the 403 page; `ready(request, obj, kwargs)` may answer;
    a write (POST) needs `post` too."""

    def check(request, needed, obj):
        try:
            require(request.user, needed, obj, message=str(message) if message else "")
        except PermissionDenied as refusal:
            return refuse(request, str(refusal), obj)

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            obj = load(request, kwargs)
            if visible and obj is not None and not request.user.has_perm(visible, obj):
                raise Http404
            answer = state(request, obj, kwargs) if state else None
            if answer is None and perm:
                answer = check(request, perm, obj)
            if answer is None and ready:
                answer = ready(request, obj, kwargs)
            if answer is None and post and request.method in WRITES:
                answer = check(request, post, obj)
            return answer if answer is not None else view(request, *args, **{name: obj}, **kwargs)

        return login_required(wrapped)

    return decorator


def seen_and_allowed(user, obj, *, see: str, perm: str):
    """`obj`, when `user` has `see` and `perm` on it; else 404 without `see`, 403 without `perm`."""
    if not user.has_perm(see, obj):
        raise Http404
    if perm != see and not user.has_perm(perm, obj):
        raise PermissionDenied
    return obj
