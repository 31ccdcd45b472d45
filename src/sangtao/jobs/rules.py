"""Who may see a job and download its file.

Whoever holds the job's permission on its target (`appraisal.export` on the council, for its
minutes) sees the job, as long as it is the person who asked for it or the file is the same for
everyone. A personal file (a workbook that hides from a conflicted member the scores they may not
see) is shown to the person who asked alone. Losing the permission loses the file too.
"""

import rules

from . import registry


@rules.predicate
def asked_for_it(user, job) -> bool:
    return job is not None and job.requested_by_id == user.pk


@rules.predicate
def holds_target_permission(user, job) -> bool:
    if job is None:
        return False
    target = job.target
    return target is not None and user.has_perm(job.permission, target)


@rules.predicate
def same_file_for_everyone(user, job) -> bool:
    if job is None:
        return False
    try:
        return not registry.kind_of(job.kind).personal
    except KeyError:
        return False


rules.add_perm(
    "jobs.view_job",
    rules.is_authenticated & holds_target_permission & (asked_for_it | same_file_for_everyone),
)
