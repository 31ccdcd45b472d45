"""Benchmark of the yearly book "Gương người Việt đoàn kết sáng tạo": 500 recognised initiatives.

    .venv/bin/python bench/book.py            # a throwaway SQLite file in var/
    DATABASE_URL=postgres://... .venv/bin/python bench/book.py
                                              # a throwaway test_<name> database on that server

Bulk-creates (directly, for speed: a benchmark, not the way the application writes) a province
with 50 schools, a movement of five fields, 500 initiatives of 2019 with two authors each and a
summary, benefits and place of application of a few hundred words, every one recognised by the
province's council, one in ten with a photo (a PNG attachment) and one in ten with its benefits
kept confidential; a yearbook holding them all. Then builds the book as PDF and as DOCX through
the same function the background job calls, with its progress callback, and prints the seconds
(wall and CPU), the PDF's page count and each file's size.
"""

import datetime
import io
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

INITIATIVES = 500
SCHOOLS = 50
PHOTO_EVERY = 10
SECRET_EVERY = 10
WORDS = (
    "Sáng kiến cải tiến quy trình tiếp nhận hồ sơ giúp người dân tiết kiệm thời gian đi lại, "
    "giảm chi phí in ấn, nâng cao chất lượng phục vụ và sự hài lòng của nhân dân; được áp dụng "
    "rộng rãi tại các đơn vị trong tỉnh, góp phần xây dựng nông thôn mới, đô thị văn minh. "
)


def prepare_database() -> tuple[str | None, Path | None]:
    """Point Django at a throwaway database; returns (old name to restore, SQLite file)."""
    sqlite_file = None
    if not os.environ.get("DATABASE_URL"):
        sqlite_file = ROOT / "var" / "bench-book.sqlite3"
        sqlite_file.parent.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_file}{suffix}").unlink(missing_ok=True)
        os.environ["DATABASE_URL"] = f"sqlite:///{sqlite_file}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sangtao.settings")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if sqlite_file is not None:
        call_command("migrate", verbosity=0)
        return None, sqlite_file
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    return old_name, None


def photo() -> bytes:
    """A small PNG (Pillow comes with WeasyPrint)."""
    from PIL import Image

    image = Image.new("RGB", (320, 200), (200, 40, 40))
    output = io.BytesIO()
    image.save(output, format="PNG")
    return output.getvalue()


def build():
    from django.core.files.base import ContentFile
    from django.db import transaction

    from sangtao.accounts.models import User
    from sangtao.appraisal.models import Council, Recognition
    from sangtao.honours.models import Yearbook, YearbookEntry
    from sangtao.initiatives.models import Attachment, Initiative, InitiativeAuthor
    from sangtao.movements.models import Field, Grade, Movement, Round
    from sangtao.orgs.models import Level, OrgUnit, UnitKind
    from sangtao.orgs.services import unit_bulk_create

    levels = {level.code: level for level in Level.objects.all()}
    kinds = {kind.code: kind for kind in UnitKind.objects.all()}
    with transaction.atomic():
        (central,) = unit_bulk_create(
            units=[
                OrgUnit(
                    name="Ủy ban Trung ương MTTQ Việt Nam",
                    level=levels["central"],
                    kind=kinds["front_committee"],
                )
            ]
        )
        (province,) = unit_bulk_create(
            units=[
                OrgUnit(
                    name="Ủy ban MTTQ Việt Nam tỉnh Tây Ninh",
                    parent=central,
                    level=levels["province"],
                    kind=kinds["front_committee"],
                )
            ]
        )
        schools = unit_bulk_create(
            units=[
                OrgUnit(
                    name=f"Trường THCS số {n} xã Tân Hòa",
                    parent=province,
                    level=levels["grassroots"],
                    kind=kinds["school"],
                )
                for n in range(1, SCHOOLS + 1)
            ]
        )
        movement = Movement.objects.create(
            name="Đoàn kết sáng tạo 2017-2020", unit=province, start_year=2017, end_year=2020
        )
        round_ = Round.objects.create(
            movement=movement, year=2019, name="Năm 2019", status=Round.Status.CLOSED
        )
        fields = Field.objects.bulk_create(
            [
                Field(movement=movement, code=f"linh-vuc-{n}", name=f"Lĩnh vực {n}", order=n)
                for n in range(1, 6)
            ]
        )
        grade = Grade.objects.create(movement=movement, name="Xuất sắc", min_total=Decimal("80"))
        author = User.objects.create_user("tacgia", password=None, unit=schools[0])
        council = Council.objects.create(
            round=round_, unit=province, name="Hội đồng thẩm định tỉnh Tây Ninh năm 2019"
        )
        initiatives = Initiative.objects.bulk_create(
            [
                Initiative(
                    state="recognised",
                    title=f"Sáng kiến số {n}: đổi mới cách làm ở cơ sở",
                    round=round_,
                    field=fields[n % len(fields)],
                    unit=schools[n % len(schools)],
                    summary=WORDS * 3,
                    benefits=f"Lợi ích bí mật {n}. " + WORDS * 2
                    if n % SECRET_EVERY == 0
                    else WORDS * 2,
                    confidential_sections=["benefits"] if n % SECRET_EVERY == 0 else [],
                    first_applied_on=datetime.date(2019, 3, 1),
                    application_scope="Các trường học trong huyện Tân Châu và Dương Minh Châu",
                    created_by=author,
                )
                for n in range(1, INITIATIVES + 1)
            ]
        )
        InitiativeAuthor.objects.bulk_create(
            [
                InitiativeAuthor(
                    initiative=initiative,
                    full_name=name,
                    share=Decimal("50"),
                    order=order,
                )
                for initiative in initiatives
                for order, name in enumerate(("Nguyễn Thị Hồng Nhung", "Trần Văn Đức"))
            ]
        )
        Recognition.objects.bulk_create(
            [
                Recognition(initiative=i, council=council, unit=province, grade=grade)
                for i in initiatives
            ]
        )
        picture = photo()
        for initiative in initiatives[::PHOTO_EVERY]:
            attachment = Attachment(
                initiative=initiative,
                original_name="anh.png",
                content_type="image/png",
                size=len(picture),
                sha256="0" * 64,
                uploaded_by=author,
            )
            attachment.file.save("anh.png", ContentFile(picture), save=False)
            attachment.save()
        book = Yearbook.objects.create(
            movement=movement,
            unit=province,
            year=2019,
            title="Gương người Việt đoàn kết sáng tạo",
            foreword="Lời nói đầu của ấn phẩm.\n" + WORDS * 4,
            created_by=author,
        )
        YearbookEntry.objects.bulk_create(
            [
                YearbookEntry(yearbook=book, initiative=i, order=n)
                for n, i in enumerate(initiatives, start=1)
            ]
        )
    return book


def main() -> None:
    old_name, sqlite_file = prepare_database()
    from django.conf import settings
    from django.db import connection

    media = ROOT / "var" / "bench-book-media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(media), "base_url": None},
        },
    }
    try:
        started = time.perf_counter()
        book = build()
        print(
            f"{INITIATIVES} recognised initiatives created in {time.perf_counter() - started:.1f} s"
        )
        from pypdf import PdfReader

        from sangtao.honours import documents

        for extension in (documents.PDF, documents.DOCX):
            seen = []
            wall, cpu = time.perf_counter(), time.process_time()
            content, name = documents.book_file(
                yearbook=book,
                extension=extension,
                progress=lambda done, total, message="", seen=seen, **params: seen.append(done),
            )
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            pages = ""
            if extension == documents.PDF:
                reader = PdfReader(io.BytesIO(content))
                pages = f", {len(reader.pages)} pages"
                text = reader.pages[-1].extract_text() + reader.pages[10].extract_text()
                assert "Lợi ích bí mật" not in text
            print(
                f"{name}: {wall:.1f} s wall, {cpu:.1f} s CPU{pages}, "
                f"{len(content) / 1e6:.1f} MB, {len(set(seen))} progress steps"
            )
    finally:
        if sqlite_file is None and not os.environ.get("KEEP"):
            connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
