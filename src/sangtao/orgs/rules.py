"""Permissions on the organisation tree (reading it is `orgs.view_tree`, in accounts.rules)."""

import rules

from sangtao.accounts.rules import is_admin_over

# Add units under a unit, rename, move, close or merge it, import a list of units into it:
# administrators of the unit or of a unit above it (and superusers).
rules.add_perm("orgs.manage_tree", rules.is_authenticated & is_admin_over)
