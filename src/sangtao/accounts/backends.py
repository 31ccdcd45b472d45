"""A permission backend that spares Django's ModelBackend the questions it can only answer no.

Most permissions here are `rules` predicates (`appraisal.view_tasks`, `dashboard.view`, ...):
no Permission row carries them, so Django's ModelBackend, asked after `rules` said no, can only
say no too, after reading the person's user and group permissions (two queries on every page
whose menu shows a link the person may not follow). Placed between `rules` and ModelBackend,
this backend ends the search for such a permission with that same no; the permissions Django
makes for the models (add, change, delete, view and each model's Meta.permissions: what the
administration site grants) still go on to ModelBackend, so every answer stays the same.
"""

from functools import cache

from django.apps import apps
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied


@cache
def model_permissions() -> frozenset[str]:
    """Every "app_label.codename" Django creates a Permission row for (as migrate does)."""
    names = set()
    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        names.update(
            f"{opts.app_label}.{get_permission_codename(action, opts)}"
            for action in opts.default_permissions
        )
        names.update(f"{opts.app_label}.{codename}" for codename, _ in opts.permissions)
    return frozenset(names)


class RulesOnlyPermissionBackend:
    """No to a permission no Permission row can grant, without asking ModelBackend.

    It signs nobody in and has no get_user, so no session names it (sessions keep naming
    ModelBackend, and Client.force_login skips it); for a model permission it steps aside and
    ModelBackend answers as before.
    """

    def authenticate(self, request, **credentials):
        return None  # Django asks every backend to sign a person in

    def has_perm(self, user_obj, perm, obj=None):
        if perm not in model_permissions():
            raise PermissionDenied  # Django's way to end the search with no
        return False
