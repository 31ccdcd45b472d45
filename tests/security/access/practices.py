"""Who may open and post to the practices, replications and applications of initiatives.

A unit's clerk, officer and administrator keep the records of their subtree; the leader of the
district sees them; everybody signed in sees the published practices; the public pages show
only published ones to anyone."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from sangtao.initiatives.models import Initiative
from sangtao.practices import services

from . import Expect, rows

# Replications sit below their practice: the plumbing loads the parent by id, then checks the
# permission on it (403), as for a movement's fields. The answer tells only that the number is
# used, never what the practice holds.
PARENT = "a replication's practice is loaded by id before its permission is checked (403)"
PUBLISHED = "a published practice is public: everyone reads it on the portal"


def extend(s):
    if hasattr(s, "practice"):
        return
    day = datetime.date(2018, 5, 1)
    s.practice = services.practice_create(
        by=s.clerk, unit=s.commune, title="Mô hình “Tổ tự quản”", started_on=day
    )
    s.published_practice = services.practice_create(
        by=s.clerk, unit=s.commune, title="Mô hình công bố", started_on=day, published=True
    )
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    s.practice_file = services.practice_file_add(
        practice=s.practice, upload=SimpleUploadedFile("anh.png", png), by=s.clerk
    )
    s.published_photo = services.practice_file_add(
        practice=s.published_practice, upload=SimpleUploadedFile("anh.png", png), by=s.clerk
    )
    s.replication = services.replication_create(
        by=s.officer, practice=s.practice, unit=s.district, started_on=day
    )
    applied = Initiative.objects.create(
        title="Sáng kiến đã công nhận",
        round=s.round,
        field=s.field,
        unit=s.school,
        state="recognised",
        created_by=s.author,
    )
    s.application = services.application_create(
        by=s.clerk, initiative=applied, unit=s.commune, applied_on=day, scope="Toàn xã"
    )


def _side(w, side):
    s = w.side(side)
    extend(s)
    return s


def _practice(w, side):
    return {"item": _side(w, side).practice.pk}


def _published(w, side):
    return {"pk": _side(w, side).published_practice.pk}


def _parent(w, side):
    return {"pk": _side(w, side).practice.pk}


def _replication(w, side):
    s = _side(w, side)
    return {"pk": s.practice.pk, "item": s.replication.pk}


def _application(w, side):
    return {"item": _side(w, side).application.pk}


ALL_405 = "405 405 405 405 405 405 405 405 405"
SIGNED_405 = "login 405 405 405 405 405 405 405 405"
NONE_404 = "login 404 404 404 404 404 404 404 404"
NONE_403 = "login 403 403 403 403 403 403 403 403"
KEEPERS = "login 403 200 200 403 403 403 403 200"
STAFF = "login 403 200 200 403 403 403 200 200"
SEERS = "login 404 200 200 404 404 404 200 200"
SEERS_KEEP = "login 404 200 200 404 404 404 403 200"
SEERS_DELETE = "login 404 302 302 404 404 404 403 302"


def _practice_file(w, side):
    s = _side(w, side)
    return {"item": s.practice.pk, "file": s.practice_file.pk}


def _published_photo(w, side):
    s = _side(w, side)
    return {"pk": s.published_practice.pk, "file": s.published_photo.pk}


# Columns: anonymous author clerk officer secretary member chair leader admin
EXPECTATIONS = {
    "practices:practice_file_add": Expect(
        kwargs=_practice,
        get=rows(own=SIGNED_405, other=SIGNED_405),
        post=rows(own=SEERS_DELETE, other=NONE_404),
    ),
    "practices:practice_file": Expect(
        kwargs=_practice_file,
        get=rows(own=SEERS, other=NONE_404),
        post=rows(own=SIGNED_405, other=SIGNED_405),
    ),
    "practices:practice_file_delete": Expect(
        kwargs=_practice_file,
        get=rows(own=SIGNED_405, other=SIGNED_405),
        post=rows(own=SEERS_DELETE, other=NONE_404),
    ),
    "practices:public_photo": Expect(
        kwargs=_published_photo,
        exists_leak=PUBLISHED,
        get=rows(
            own="200 200 200 200 200 200 200 200 200",
            other="200 200 200 200 200 200 200 200 200",
        ),
        post=rows(own=ALL_405, other=ALL_405),
    ),
    "practices:target": Expect(get=rows(own=STAFF), post=rows(own=ALL_405)),
    "practices:public_list": Expect(
        get=rows(own="200 200 200 200 200 200 200 200 200"), post=rows(own=ALL_405)
    ),
    "practices:public_detail": Expect(
        kwargs=_published,
        exists_leak=PUBLISHED,
        get=rows(
            own="200 200 200 200 200 200 200 200 200",
            other="200 200 200 200 200 200 200 200 200",
        ),
        post=rows(own=ALL_405, other=ALL_405),
    ),
    "practices:practices": Expect(
        get=rows(own="login 200 200 200 200 200 200 200 200"), post=rows(own=SIGNED_405)
    ),
    "practices:practice_create": Expect(get=rows(own=KEEPERS), post=rows(own=KEEPERS)),
    "practices:practice_detail": Expect(
        kwargs=_practice,
        get=rows(own=SEERS, other=NONE_404),
        post=rows(own=SIGNED_405, other=SIGNED_405),
    ),
    "practices:practice_edit": Expect(
        kwargs=_practice,
        get=rows(own=SEERS_KEEP, other=NONE_404),
        post=rows(own=SEERS_KEEP, other=NONE_404),
    ),
    "practices:practice_delete": Expect(
        kwargs=_practice,
        get=rows(own=SEERS_KEEP, other=NONE_404),
        post=rows(own=SEERS_DELETE, other=NONE_404),
    ),
    "practices:replications": Expect(
        kwargs=_parent,
        exists_leak=PARENT,
        get=rows(own=STAFF, other=NONE_403),
        post=rows(own=SIGNED_405, other=SIGNED_405),
    ),
    "practices:replication_create": Expect(
        kwargs=_parent,
        exists_leak=PARENT,
        get=rows(own=KEEPERS, other=NONE_403),
        post=rows(own=KEEPERS, other=NONE_403),
    ),
    "practices:replication_detail": Expect(
        kwargs=_replication,
        exists_leak=PARENT,
        get=rows(own=STAFF, other=NONE_403),
        post=rows(own=SIGNED_405, other=SIGNED_405),
    ),
    "practices:replication_edit": Expect(
        kwargs=_replication,
        exists_leak=PARENT,
        get=rows(own=KEEPERS, other=NONE_403),
        post=rows(own=KEEPERS, other=NONE_403),
    ),
    "practices:replication_delete": Expect(
        kwargs=_replication,
        exists_leak=PARENT,
        get=rows(own=KEEPERS, other=NONE_403),
        post=rows(own="login 403 403 302 403 403 403 403 302", other=NONE_403),
    ),
    "practices:applications": Expect(get=rows(own=STAFF), post=rows(own=SIGNED_405)),
    "practices:application_create": Expect(get=rows(own=KEEPERS), post=rows(own=KEEPERS)),
    "practices:application_detail": Expect(
        kwargs=_application,
        get=rows(own=SEERS, other=NONE_404),
        post=rows(own=SIGNED_405, other=SIGNED_405),
    ),
    "practices:application_edit": Expect(
        kwargs=_application,
        get=rows(own=SEERS_KEEP, other=NONE_404),
        post=rows(own=SEERS_KEEP, other=NONE_404),
    ),
    "practices:application_delete": Expect(
        kwargs=_application,
        get=rows(own=SEERS_KEEP, other=NONE_404),
        post=rows(own=SEERS_DELETE, other=NONE_404),
    ),
}


# The registers' exports asked for in the background and the unit picker (sangtao.registers):
# whoever sees the list may ask for its file (their own rows) and search its units.
def _filter(w, side):
    return {"filter": "unit"}


EXPECTATIONS |= {
    "practices:practice_export": Expect(
        get=rows(own=SIGNED_405), post=rows(own="login 302 302 302 302 302 302 302 302")
    ),
    "practices:application_export": Expect(
        get=rows(own=SIGNED_405), post=rows(own=STAFF.replace("200", "302"))
    ),
    "practices:replication_export": Expect(
        kwargs=_parent,
        exists_leak=PARENT,
        get=rows(own=SIGNED_405, other=SIGNED_405),
        post=rows(own=STAFF.replace("200", "302"), other=NONE_403),
    ),
    "practices:practice_pick": Expect(
        kwargs=_filter,
        get=rows(
            own="login 200 200 200 200 200 200 200 200",
            other="login 200 200 200 200 200 200 200 200",
        ),
        post=rows(own=SIGNED_405, other=SIGNED_405),
    ),
    "practices:application_pick": Expect(
        kwargs=_filter,
        get=rows(own=STAFF, other=STAFF),
        post=rows(own=SIGNED_405, other=SIGNED_405),
    ),
}
