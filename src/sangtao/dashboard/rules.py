"""Who sees the dashboards and asks for the Front office's lists.

Clerks, movement officers, leaders and administrators (the staff roles) see the figures of the
subtrees their memberships cover: `dashboard.view` opens the page, `dashboard.view_unit` on an
OrgUnit says whether that unit's figures (the unit filter, a list in XLSX) are theirs to see.
"""

import rules

from sangtao.accounts.scope import STAFF_ROLES, has_role, has_role_over

DASHBOARD_ROLES = STAFF_ROLES


@rules.predicate
def staff_anywhere(user) -> bool:
    return has_role(user, DASHBOARD_ROLES)


@rules.predicate
def staff_over(user, unit) -> bool:
    return has_role_over(user, DASHBOARD_ROLES, unit)


rules.add_perm("dashboard.view", rules.is_authenticated & staff_anywhere)
rules.add_perm("dashboard.view_unit", rules.is_authenticated & staff_over)
