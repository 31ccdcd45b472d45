"""Who may issue, print, see and revoke certificates, as `rules` predicates.

Issuing and printing a council's certificates: its chair or secretary, or a movement officer or
administrator over its unit, once its results are sealed. The committee's settings (signer,
seal, signature) and revocation: an officer or administrator over the issuing unit. A
certificate is seen by its holder (`holds`: the account it was issued to, or linked to its
author since) and by officers, administrators and leaders over that unit.
"""

import rules

from sangtao.accounts.models import Role
from sangtao.accounts.scope import has_role, has_role_over
from sangtao.appraisal.rules import is_chair, is_sealed, is_secretary

MANAGE_ROLES = {Role.OFFICER, Role.ADMIN}
VIEW_ROLES = {Role.OFFICER, Role.ADMIN, Role.LEADER}


@rules.predicate
def manages_council_unit(user, council) -> bool:
    return council is not None and has_role_over(user, MANAGE_ROLES, council.unit)


@rules.predicate
def manages_unit(user, unit) -> bool:
    return unit is not None and has_role_over(user, MANAGE_ROLES, unit)


@rules.predicate
def manages_issuer(user, certificate) -> bool:
    return certificate is not None and has_role_over(user, MANAGE_ROLES, certificate.unit)


@rules.predicate
def sees_issuer(user, certificate) -> bool:
    return certificate is not None and has_role_over(user, VIEW_ROLES, certificate.unit)


@rules.predicate
def holds(user, certificate) -> bool:
    """Issued to the user's account, or to an author row linked to it since (as
    `selectors.certificates_mine`)."""
    if certificate is None or not user.is_authenticated:
        return False
    if certificate.holder_user_id == user.pk:
        return True
    return certificate.author_id is not None and certificate.author.user_id == user.pk


@rules.predicate
def not_revoked(user, certificate) -> bool:
    return certificate is not None and certificate.revoked_at is None


@rules.predicate
def sees_units_anywhere(user) -> bool:
    return has_role(user, VIEW_ROLES)


@rules.predicate
def manages_anywhere(user, target=None) -> bool:
    return has_role(user, MANAGE_ROLES)


issues = is_sealed & (is_chair | is_secretary | manages_council_unit)

rules.add_perm("certificates.issue", issues)
rules.add_perm("certificates.export", issues)
rules.add_perm("certificates.change_settings", rules.is_authenticated & manages_unit)
rules.add_perm("certificates.view_certificate", holds | sees_issuer)
rules.add_perm("certificates.revoke", not_revoked & manages_issuer)
rules.add_perm("certificates.view_own", rules.is_authenticated)
rules.add_perm("certificates.view_registry", rules.is_authenticated & sees_units_anywhere)
# A round's certificates in one file: what the file holds is limited to the committees of the
# person's own subtrees (selectors.certificates_of_round), and only they see the job.
rules.add_perm("certificates.export_round", rules.is_authenticated & manages_anywhere)
