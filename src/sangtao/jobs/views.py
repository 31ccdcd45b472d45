"""A job's page (its progress, then its file or its error), the file, and "my jobs"."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import registry, selectors
from .models import Job

PAGE_SIZE = 20


def _job(request, public_id) -> Job:
    job = get_object_or_404(selectors.job_by_public_id(), public_id=public_id)
    if not request.user.has_perm("jobs.view_job", job):
        raise PermissionDenied
    return job


def _label(job: Job) -> str:
    try:
        return registry.kind_of(job.kind).label
    except KeyError:
        return job.kind


@require_GET
@never_cache
@login_required
def job_detail(request, public_id):
    """The job's state; while it waits or runs, htmx asks again every 2 s for the status part,
    which stops asking once the job is over (without JavaScript the page reloads itself)."""
    job = _job(request, public_id)
    template = "jobs/job_detail.html"
    return render(
        request,
        f"{template}#status" if request.htmx else template,
        {"job": job, "label": _label(job)},
    )


@require_GET
@never_cache
@login_required
def job_download(request, public_id):
    job = _job(request, public_id)
    if job.state != Job.State.DONE or not job.file:
        raise Http404
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=job.file_name,
        content_type=registry.kind_of(job.kind).content_type,
    )


@require_GET
@never_cache
@login_required
def job_list(request):
    """The jobs the person asked for, newest first, 20 a page."""
    page = Paginator(selectors.jobs_of(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for job in page:
        job.label = _label(job)
    return render(request, "jobs/job_list.html", {"page": page})
