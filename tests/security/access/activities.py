"""Who may open and post to the activity registers (response plans, events, inspections).

Each side holds the commune's event and response plan and the district's inspection of the
commune. A unit's clerk, officer and administrator keep the records of their subtree, its
leaders read them, and nobody else sees them (404, as for a row that does not exist). An
inspection is kept by the inspecting unit (the district: the province's officer and admin, not
the commune's clerk) and answered by the inspected unit's clerk only."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from sangtao.activities import services

from . import Expect, rows


def extend(s) -> None:
    s.event = services.event_create(
        by=s.officer,
        unit=s.commune,
        kind="talk",
        title="Tọa đàm Đoàn kết sáng tạo",
        held_on=datetime.date(2018, 5, 18),
        place="Hội trường xã",
        participants=60,
    )
    s.event_file = services.event_file_add(
        event=s.event, upload=SimpleUploadedFile("hoi-thao.pdf", b"%PDF-1.4\n%%EOF\n"), by=s.officer
    )
    s.plan = services.plan_create(
        by=s.officer,
        movement=s.movement,
        unit=s.commune,
        number="03/KH-MTTQ",
        issued_on=datetime.date(2018, 3, 1),
        signer="Võ Thị Ấn",
    )
    s.inspection = services.inspection_create(
        by=s.officer,
        inspector=s.district,
        inspected=s.commune,
        inspected_on=datetime.date(2019, 10, 20),
        findings="Đã triển khai phong trào.",
        recommendations="Sơ kết mô hình trước 31/12/2019.",
        follow_up_due=datetime.date(2019, 12, 31),
    )


def _side(w, side):
    """The side with this module's objects (made on first use where world.py does not call
    `extend` itself)."""
    s = w.side(side)
    if not hasattr(s, "event"):
        extend(s)
    return s


LIST = "login 403 200 200 403 403 403 200 200"
ADD = "login 403 200 200 403 403 403 403 200"
NO_POST = "login 405 405 405 405 405 405 405 405"
HIDDEN = "login 404 404 404 404 404 404 404 404"
SEE = "login 404 200 200 404 404 404 200 200"
EDIT = "login 404 200 200 404 404 404 403 200"
DELETED = "login 404 302 302 404 404 404 403 302"
INSPECTOR_EDIT = "login 404 403 200 404 404 404 403 200"
INSPECTOR_DELETED = "login 404 403 302 404 404 404 403 302"


def _registers() -> dict:
    expectations = {}
    for plural, name, attr in (("plans", "plan", "plan"), ("events", "event", "event")):
        item = lambda w, side, attr=attr: {"item": getattr(_side(w, side), attr).pk}  # noqa: E731
        expectations |= {
            f"activities:{plural}": Expect(get=rows(own=LIST), post=rows(own=NO_POST)),
            f"activities:{name}_create": Expect(get=rows(own=ADD), post=rows(own=ADD)),
            f"activities:{name}_detail": Expect(
                kwargs=item,
                get=rows(own=SEE, other=HIDDEN),
                post=rows(own=NO_POST, other=NO_POST),
            ),
            f"activities:{name}_edit": Expect(
                kwargs=item, get=rows(own=EDIT, other=HIDDEN), post=rows(own=EDIT, other=HIDDEN)
            ),
            f"activities:{name}_delete": Expect(
                kwargs=item,
                get=rows(own=EDIT, other=HIDDEN),
                post=rows(own=DELETED, other=HIDDEN),
            ),
        }
    return expectations


def _inspection(w, side):
    return {"item": _side(w, side).inspection.pk}


def _event_file(w, side):
    s = _side(w, side)
    return {"item": s.event.pk, "file": s.event_file.pk}


# Columns: anonymous author clerk officer secretary member chair leader admin
EXPECTATIONS = _registers() | {
    "activities:event_file_add": Expect(
        kwargs=lambda w, side: {"item": _side(w, side).event.pk},
        get=rows(own=NO_POST, other=NO_POST),
        post=rows(own=DELETED, other=HIDDEN),
    ),
    "activities:event_file": Expect(
        kwargs=_event_file,
        get=rows(own=SEE, other=HIDDEN),
        post=rows(own=NO_POST, other=NO_POST),
    ),
    "activities:event_file_delete": Expect(
        kwargs=_event_file,
        get=rows(own=NO_POST, other=NO_POST),
        post=rows(own=DELETED, other=HIDDEN),
    ),
    "activities:inspections": Expect(get=rows(own=LIST), post=rows(own=NO_POST)),
    "activities:inspection_create": Expect(get=rows(own=ADD), post=rows(own=ADD)),
    "activities:inspection_detail": Expect(
        kwargs=_inspection,
        get=rows(own=SEE, other=HIDDEN),
        post=rows(own=NO_POST, other=NO_POST),
    ),
    "activities:inspection_edit": Expect(
        kwargs=_inspection,
        get=rows(own=INSPECTOR_EDIT, other=HIDDEN),
        post=rows(own=INSPECTOR_EDIT, other=HIDDEN),
    ),
    "activities:inspection_delete": Expect(
        kwargs=_inspection,
        get=rows(own=INSPECTOR_EDIT, other=HIDDEN),
        post=rows(own=INSPECTOR_DELETED, other=HIDDEN),
    ),
    "activities:inspection_answer": Expect(
        kwargs=lambda w, side: {"pk": _side(w, side).inspection.pk},
        get=rows(own="login 404 200 403 404 404 404 403 403", other=HIDDEN),
        post=rows(own="login 404 400 403 404 404 404 403 403", other=HIDDEN),
    ),
}

# A register's export asked for in the background (sangtao.registers): whoever sees the list.
EXPECTATIONS |= {
    f"activities:{name}_export": Expect(
        get=rows(own=NO_POST), post=rows(own=LIST.replace("200", "302"))
    )
    for name in ("plan", "event", "inspection")
}
