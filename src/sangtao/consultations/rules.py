"""Who may see a consultation, comment on it and answer the comments.

The publishing unit's clerks, officers and administrators keep a consultation (edit its draft,
answer the comments, publish the answers); its staff (leaders too) read it and all its comments
at any time. Its audience sees it once it opens: the staff of the units of its subtree (member
organisations, lower committees, agencies) and, when it is opened to the public, every signed-in
person. Staff of a unit below the publishing unit comment for that unit; on a public
consultation anyone of the audience may comment for themselves. The deadline is the service's
to refuse, with a message.
"""

import rules
from django.utils import timezone

from sangtao.accounts.scope import STAFF_ROLES, has_role_over, role_paths
from sangtao.registers.keepers import KEEPERS, add_kept_perms


def _staff_paths(user) -> list[str]:
    paths = role_paths(user)
    return [path for role in STAFF_ROLES for path in paths.get(role, ())]


@rules.predicate
def keeps_consultation(user, consultation) -> bool:
    return consultation is not None and has_role_over(user, KEEPERS, consultation.unit)


@rules.predicate
def staff_of_consultation(user, consultation) -> bool:
    return consultation is not None and has_role_over(user, STAFF_ROLES, consultation.unit)


@rules.predicate
def works_in_subtree(user, consultation) -> bool:
    """`user` is staff of the publishing unit or of a unit below it."""
    return consultation is not None and any(
        path.startswith(consultation.unit.path) for path in _staff_paths(user)
    )


@rules.predicate
def speaks_for_a_unit(user, consultation) -> bool:
    """`user` is staff of a unit below the publishing unit (not of the publishing unit)."""
    if consultation is None:
        return False
    own = consultation.unit.path
    return any(path.startswith(own) and path != own for path in _staff_paths(user))


@rules.predicate
def consultation_opened(user, consultation) -> bool:
    return consultation is not None and consultation.opens_on <= timezone.localdate()


@rules.predicate
def consultation_public(user, consultation) -> bool:
    return consultation is not None and consultation.is_public


in_audience = consultation_opened & (consultation_public | works_in_subtree)

auth = rules.is_authenticated
add_kept_perms(
    "consultations.consultation",
    lists=rules.always_allow,
    sees=staff_of_consultation | in_audience,
    keeps=keeps_consultation,
)
rules.add_perm(
    "consultations.comment_consultation",
    auth & in_audience & (consultation_public | speaks_for_a_unit),
)
rules.add_perm("consultations.respond_consultation", auth & keeps_consultation)
rules.add_perm("consultations.read_comments", auth & staff_of_consultation)
