"""Pages of feedback: the inbox, sending a question, the thread (reading and writing), closing,
opening a message's file."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from sangtao.core.forms import style_form, submit
from sangtao.core.guards import seen_and_allowed
from sangtao.core.selectors import CappedPaginator
from sangtao.registers.files import file_response

from . import selectors, services
from .forms import InboxFilterForm, MessageForm, ThreadForm
from .models import Thread

PAGE_SIZE = 25


def _thread(request, pk: int, perm: str = "feedback.view_thread") -> Thread:
    """The thread, when the person sees it (else 404) and has `perm` on it (else 403)."""
    thread = get_object_or_404(selectors.threads_visible(user=request.user), pk=pk)
    return seen_and_allowed(request.user, thread, see="feedback.view_thread", perm=perm)


@login_required
@require_safe
def inbox(request):
    """The threads sent by or addressed to the units of the person's subtrees."""
    if not request.user.has_perm("feedback.list_thread"):
        raise PermissionDenied
    form = InboxFilterForm(request.GET, units=selectors.units_in_threads(user=request.user))
    style_form(form)
    chosen = form.cleaned_data if form.is_valid() else {}
    rows = selectors.threads_visible(
        user=request.user,
        state=chosen.get("state") or "",
        unit_id=chosen.get("unit"),
        q=chosen.get("q") or "",
    )
    page = CappedPaginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    kept = {key: value for key, value in request.GET.items() if key != "page" and value}
    return render(
        request,
        "feedback/inbox.html",
        {"form": form, "page": page, "query_string": urlencode(kept)},
    )


@login_required
def thread_new(request):
    """Send a question or a problem to the Front committee above one's unit."""
    if not request.user.has_perm("feedback.add_thread"):
        raise PermissionDenied
    form = ThreadForm(request.POST or None, request.FILES or None, user=request.user)
    style_form(form)
    done, thread = submit(
        request,
        form,
        lambda data: services.thread_open(by=request.user, **data),
    )
    if done:
        messages.success(
            request,
            _("Your feedback was sent to %(committee)s.") % {"committee": thread.receiver.name},
        )
        return redirect("feedback:detail", pk=thread.pk)
    return render(request, "feedback/thread_form.html", {"form": form})


@login_required
def thread_detail(request, pk: int):
    """The thread and its messages; POST writes a message (the keepers of either side)."""
    thread = _thread(request, pk)
    user = request.user
    form = MessageForm(request.POST or None, request.FILES or None)
    style_form(form)
    status, refusal = 200, ""
    if request.method == "POST" and not user.has_perm("feedback.reply_thread", thread):
        status, refusal = 403, _("You may not write in this thread: it is not your unit's.")
    else:
        done, _message = submit(
            request,
            form,
            lambda data: services.message_post(thread=thread, by=user, **data),
        )
        if done:
            messages.success(request, _("Your message was sent."))
            return redirect("feedback:detail", pk=thread.pk)
    context = {
        "thread": thread,
        "thread_messages": selectors.thread_messages(thread=thread),
        "form": form if user.has_perm("feedback.reply_thread", thread) else None,
        "can_close": user.has_perm("feedback.close_thread", thread),
        "refusal": refusal,
    }
    return render(request, "feedback/thread_detail.html", context, status=status)


@login_required
@require_POST
def thread_close(request, pk: int):
    thread = _thread(request, pk, "feedback.close_thread")
    services.thread_close(thread=thread, by=request.user)
    messages.success(request, _("The thread was closed."))
    return redirect("feedback:detail", pk=thread.pk)


@login_required
@require_safe
def message_file(request, pk: int, file: int):
    thread = _thread(request, pk)
    return file_response(get_object_or_404(selectors.thread_files(thread=thread), pk=file))
