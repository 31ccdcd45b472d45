"""Who may open and write feedback threads.

Each side holds a thread the commune sent (its clerk) to the district committee above it, with
a PDF. Staff over the commune (its clerk, the district's leader, the province's officer and
administrator) see it; the council's people and the school's author do not (404). The keepers
of either side write in it (an empty message comes back with its error: 200); the leader reads
only (403); the district's keepers (the province's officer and administrator) close it."""

from django.core.files.uploadedfile import SimpleUploadedFile

from sangtao.feedback import services

from . import Expect, rows

PDF = b"%PDF-1.4\n%%EOF\n"


def extend(s) -> None:
    s.thread = services.thread_open(
        by=s.clerk,
        unit=s.commune,
        subject="Hỏi về thời hạn nộp hồ sơ",
        text="Đề nghị huyện hướng dẫn thời hạn.",
        upload=SimpleUploadedFile("cong-van.pdf", PDF),
    )


def _side(w, side):
    s = w.side(side)
    if not hasattr(s, "thread"):
        extend(s)
    return s


def _thread(w, side):
    return {"pk": _side(w, side).thread.pk}


def _file(w, side):
    thread = _side(w, side).thread
    return {"pk": thread.pk, "file": thread.messages.get().attached.pk}


HIDDEN = "login 404 404 404 404 404 404 404 404"
NO_POST = "login 405 405 405 405 405 405 405 405"
SEE = "login 404 200 200 404 404 404 200 200"

# Columns: anonymous author clerk officer secretary member chair leader admin
EXPECTATIONS = {
    "feedback:inbox": Expect(
        get=rows(own="login 403 200 200 403 403 403 200 200"), post=rows(own=NO_POST)
    ),
    "feedback:create": Expect(
        get=rows(own="login 403 200 200 403 403 403 403 200"),
        post=rows(own="login 403 200 200 403 403 403 403 200"),
    ),
    "feedback:detail": Expect(
        kwargs=_thread,
        get=rows(own=SEE, other=HIDDEN),
        post=rows(own="login 404 200 200 404 404 404 403 200", other=HIDDEN),
    ),
    "feedback:close": Expect(
        kwargs=_thread,
        get=rows(own="login 405 405 405 405 405 405 405 405", other=NO_POST),
        post=rows(own="login 404 403 302 404 404 404 403 302", other=HIDDEN),
    ),
    "feedback:file": Expect(
        kwargs=_file,
        get=rows(own=SEE, other=HIDDEN),
        post=rows(own=NO_POST, other=NO_POST),
    ),
}
