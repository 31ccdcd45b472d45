"""Guards once: a view names, in one decorator, the object it works on and the permission it
needs; the decorator answers for it before the view runs.

`object_permission` is the plumbing an app wraps into its own decorator (appraisal's
`council_permission`): the person must be signed in; the object named by the URL is loaded
(404 when it is missing, or when the person may not see it, so that guessing numbers tells
nobody what exists elsewhere); a state check may answer first (a sealed council refuses
writes with a message); then `require` (core.services) checks the permission, and a refusal
becomes the app's 403 page with the reason in words. The view receives the object itself.
Services check their own rules again: the decorator is what the person meets, not the only
line of defence.
"""

import functools
from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from .services import require

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def object_permission(
    perm: str | None,
    *,
    load: Callable,
    visible: str | None,
    refuse: Callable,
    post: str | None = None,
    message: str = "",
    state: Callable | None = None,
    ready: Callable | None = None,
    name: str = "obj",
):
    """Decorate a view `view(request, <name>, **other url kwargs)`. In this order:

    - `load(request, kwargs)` pops the URL arguments it needs and returns the object (or
      raises Http404); None when the view works on no object;
    - `visible`: the permission to see the object at all (404 without it);
    - `state(request, obj, kwargs)`: a response when the object's state answers first (a
      sealed council refusing a write), else None;
    - `perm`: the permission every request needs, checked through `require` with `message`
      (may be lazy) as the reason; `refuse(request, reason, obj)` is the 403 page;
    - `ready(request, obj, kwargs)`: a state that answers only those who passed `perm`;
    - `post`: the permission a write (POST) needs besides.
    """

    def check(request, needed, obj):
        try:
            require(request.user, needed, obj, message=str(message) if message else "")
        except PermissionDenied as refusal:
            return refuse(request, str(refusal), obj)
        return None

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
            if answer is not None:
                return answer
            return view(request, *args, **{name: obj}, **kwargs)

        return login_required(wrapped)

    return decorator
