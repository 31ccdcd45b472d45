"""The guard every detail page runs: a row the person may not see is "not found" (nobody learns
what exists in other units), one they see but may not act on is "forbidden"."""

from django.core.exceptions import PermissionDenied
from django.http import Http404


def seen_and_allowed(user, obj, *, see: str, perm: str):
    """`obj`, when `user` has `see` and `perm` on it; else 404 without `see`, 403 without `perm`."""
    if not user.has_perm(see, obj):
        raise Http404
    if perm != see and not user.has_perm(perm, obj):
        raise PermissionDenied
    return obj
