"""Photos and documents of practices and events: keepers attach and delete them (audited),
a wrong file is refused in Vietnamese, the detail pages show them and the public page of a
published practice shows its photos to everyone."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from sangtao.activities import services as activities
from sangtao.activities.models import EventFile
from sangtao.core.models import AuditEvent
from sangtao.practices import services
from sangtao.practices.models import PracticeFile

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.4\n%%EOF\n"


def _practice(staff, units, published=False):
    return services.practice_create(
        by=staff["women_clerk"],
        unit=units["women"],
        title="Mô hình “Phụ nữ khởi nghiệp”",
        started_on=datetime.date(2019, 3, 8),
        published=published,
    )


def _upload(client, practice, name, content):
    return client.post(
        reverse("practices:practice_file_add", args=[practice.pk]),
        {"upload": SimpleUploadedFile(name, content)},
    )


def test_practice_file_add_stores_a_photo_and_records_it(staff, units, client_for):
    practice = _practice(staff, units)
    response = _upload(client_for(staff["women_clerk"]), practice, "anh-hop.png", PNG)
    assert response.status_code == 302
    stored = PracticeFile.objects.get()
    assert (stored.original_name, stored.content_type, stored.size) == (
        "anh-hop.png",
        "image/png",
        len(PNG),
    )
    assert stored.file.read() == PNG
    event = AuditEvent.objects.get(action="practice.file_add")
    assert (event.target_id, event.data["file"]) == (str(practice.pk), "anh-hop.png")


def test_practice_file_add_of_a_wrong_file_refused_in_vietnamese(staff, units, client_for):
    practice = _practice(staff, units)
    client = client_for(staff["women_clerk"])
    response = _upload(client, practice, "anh.png", b"MZ\x90\x00exe")
    page = client.get(response["Location"])
    assert "Tệp này không phải JPG, PNG, PDF hoặc DOCX" in page.content.decode()
    assert PracticeFile.objects.count() == 0


def test_practice_file_add_over_the_limit_refused(staff, units, client_for, settings):
    settings.ATTACHMENT_MAX_BYTES = 10
    practice = _practice(staff, units)
    _upload(client_for(staff["women_clerk"]), practice, "anh.png", PNG)
    assert PracticeFile.objects.count() == 0


def test_practice_file_add_by_another_unit_refused(staff, units, client_for):
    practice = _practice(staff, units)
    response = _upload(client_for(staff["youth_clerk"]), practice, "anh.png", PNG)
    assert response.status_code == 404
    assert PracticeFile.objects.count() == 0


def test_practice_detail_shows_the_photo_and_the_document(staff, units, client_for):
    practice = _practice(staff, units)
    services.practice_file_add(
        practice=practice, upload=SimpleUploadedFile("anh.png", PNG), by=staff["women_clerk"]
    )
    document = services.practice_file_add(
        practice=practice, upload=SimpleUploadedFile("bao-cao.pdf", PDF), by=staff["women_clerk"]
    )
    client = client_for(staff["women_clerk"])
    body = client.get(reverse("practices:practice_detail", args=[practice.pk])).content.decode()
    assert 'class="figure-img img-thumbnail photo-thumb"' in body
    assert "bao-cao.pdf" in body
    opened = client.get(reverse("practices:practice_file", args=[practice.pk, document.pk]))
    assert opened["Content-Type"] == "application/pdf"
    assert b"".join(opened.streaming_content) == PDF


def test_practice_file_remove_is_audited(staff, units, client_for):
    practice = _practice(staff, units)
    stored = services.practice_file_add(
        practice=practice, upload=SimpleUploadedFile("anh.png", PNG), by=staff["women_clerk"]
    )
    response = client_for(staff["women_clerk"]).post(
        reverse("practices:practice_file_delete", args=[practice.pk, stored.pk])
    )
    assert response.status_code == 302
    assert PracticeFile.objects.count() == 0
    assert AuditEvent.objects.get(action="practice.file_remove").data == {"file": "anh.png"}


def test_public_practice_page_shows_photos_of_a_published_practice_only(staff, units, client):
    published = _practice(staff, units, published=True)
    hidden = _practice(staff, units)
    by = staff["women_clerk"]
    photo = services.practice_file_add(
        practice=published, upload=SimpleUploadedFile("anh.png", PNG), by=by
    )
    document = services.practice_file_add(
        practice=published, upload=SimpleUploadedFile("bao-cao.pdf", PDF), by=by
    )
    secret = services.practice_file_add(
        practice=hidden, upload=SimpleUploadedFile("anh.png", PNG), by=by
    )
    page = client.get(reverse("practices:public_detail", args=[published.pk]))
    assert [p.pk for p in page.context["photos"]] == [photo.pk]
    url = reverse("practices:public_photo", args=[published.pk, photo.pk])
    assert client.get(url).status_code == 200
    other = reverse("practices:public_photo", args=[published.pk, document.pk])
    assert client.get(other).status_code == 404
    hidden_url = reverse("practices:public_photo", args=[hidden.pk, secret.pk])
    assert client.get(hidden_url).status_code == 404


def test_event_file_add_and_remove_by_its_keeper(staff, units, client_for):
    event = activities.event_create(
        by=staff["women_clerk"],
        unit=units["women"],
        kind="contest",
        title="Hội thi sáng tạo",
        held_on=datetime.date(2019, 10, 20),
        place="Hội trường",
        participants=80,
    )
    client = client_for(staff["women_clerk"])
    client.post(
        reverse("activities:event_file_add", args=[event.pk]),
        {"upload": SimpleUploadedFile("le-trao-giai.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20)},
    )
    stored = EventFile.objects.get()
    assert stored.content_type == "image/jpeg"
    body = client.get(reverse("activities:event_detail", args=[event.pk])).content.decode()
    assert "le-trao-giai.jpg" in body
    refused = client_for(staff["youth_clerk"]).post(
        reverse("activities:event_file_delete", args=[event.pk, stored.pk])
    )
    assert refused.status_code == 404
    client.post(reverse("activities:event_file_delete", args=[event.pk, stored.pk]))
    assert EventFile.objects.count() == 0
    assert list(
        AuditEvent.objects.filter(target_id=str(event.pk), action__startswith="event.file")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["event.file_add", "event.file_remove"]


def test_practice_delete_removes_its_files_bytes_too(
    staff, units, client_for, django_capture_on_commit_callbacks
):
    practice = _practice(staff, units)
    _upload(client_for(staff["women_clerk"]), practice, "anh-hop.png", PNG)
    stored = PracticeFile.objects.get()
    name, storage = stored.file.name, stored.file.storage
    assert storage.exists(name)

    with django_capture_on_commit_callbacks(execute=True):
        services.practice_delete(practice=practice, by=staff["women_clerk"])

    assert not PracticeFile.objects.exists()
    assert not storage.exists(name)
