"""How the models declare what most of them share: a reference to another row and a unique
pair (or triple) of columns.

A reference is a foreign key that protects what it points to (a unit, a movement, a council,
the person who recorded something is never deleted from under a record) and gives the row
pointed to no reverse accessor unless one is named:

    unit = ref("orgs.OrgUnit", _("unit"), related_name="councils")
    sealed_by = user_ref(_("sealed by"), optional=True)
    council = ref(Council, _("council"), related_name="members", on_delete=models.CASCADE)

These build exactly the fields Django builds from the long form, so the migrations do not see
them: a change of declaration here is a change of schema everywhere.
"""

from django.conf import settings
from django.db import models
from django.utils.functional import Promise


def ref(
    to: type[models.Model] | str,
    verbose_name: str | Promise | None = None,
    *,
    related_name: str | None = "+",
    on_delete=models.PROTECT,
    optional: bool = False,
    **options,
) -> models.ForeignKey:
    """A foreign key to `to` (a model or "app.Model"): PROTECT, no reverse accessor unless
    `related_name` names one; `optional` allows it to be empty (null and blank)."""
    if optional:
        options.update(null=True, blank=True)
    return models.ForeignKey(
        to, on_delete=on_delete, related_name=related_name, verbose_name=verbose_name, **options
    )


def user_ref(verbose_name: str | Promise | None = None, **options) -> models.ForeignKey:
    """A reference to a person (the user model), as `ref` makes it."""
    return ref(settings.AUTH_USER_MODEL, verbose_name, **options)


def unique(*fields: str, name: str, **options) -> models.UniqueConstraint:
    """At most one row per value of `fields` together (`condition` limits it to some rows)."""
    return models.UniqueConstraint(fields=list(fields), name=name, **options)
