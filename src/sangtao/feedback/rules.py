"""Who may see and write feedback threads.

Staff (clerk, officer, leader, administrator) over the sending unit or over the receiving
committee see a thread; nobody else learns it exists (a sibling unit's staff get 404). Keepers
(clerk, officer, administrator) of either side write in an open thread; the committee's
keepers close it. Any keeper may open a thread for a unit they hold a role at."""

import rules

from sangtao.accounts.scope import STAFF_ROLES, has_role_over
from sangtao.registers.keepers import KEEPERS, keeps_anywhere, staff_anywhere


@rules.predicate
def sees_thread(user, thread) -> bool:
    return thread is not None and (
        has_role_over(user, STAFF_ROLES, thread.receiver)
        or has_role_over(user, STAFF_ROLES, thread.unit)
    )


@rules.predicate
def writes_thread(user, thread) -> bool:
    return thread is not None and (
        has_role_over(user, KEEPERS, thread.receiver) or has_role_over(user, KEEPERS, thread.unit)
    )


@rules.predicate
def answers_thread(user, thread) -> bool:
    """`user` keeps the receiving committee: they write for it, and close."""
    return thread is not None and has_role_over(user, KEEPERS, thread.receiver)


@rules.predicate
def is_open(user, thread) -> bool:
    return thread is not None and thread.state != "closed"


auth = rules.is_authenticated
rules.add_perm("feedback.list_thread", auth & staff_anywhere)
rules.add_perm("feedback.add_thread", auth & keeps_anywhere)
rules.add_perm("feedback.view_thread", auth & sees_thread)
rules.add_perm("feedback.reply_thread", auth & writes_thread & is_open)
rules.add_perm("feedback.close_thread", auth & answers_thread & is_open)
