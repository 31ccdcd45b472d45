"""The levels and unit kinds every installation starts with (editable afterwards)."""

from django.db import migrations

LEVELS = [
    ("central", "Trung ương", 0),
    ("province", "Tỉnh, thành phố", 1),
    ("district", "Huyện, quận, thị xã, thành phố thuộc tỉnh", 2),
    ("commune", "Xã, phường, đặc khu", 3),
    ("grassroots", "Cơ sở", 4),
]
KINDS = [
    ("front_committee", "Ủy ban Mặt trận Tổ quốc", True),
    ("member_org", "Tổ chức thành viên", True),
    ("state_agency", "Cơ quan nhà nước", False),
    ("enterprise", "Doanh nghiệp", False),
    ("school", "Trường học", False),
    ("hospital", "Bệnh viện, trạm y tế", False),
    ("armed_forces", "Đơn vị lực lượng vũ trang", False),
    ("community", "Cộng đồng tôn giáo, dân tộc", False),
    ("other", "Khác", False),
]


def forwards(apps, schema_editor):
    Level = apps.get_model("orgs", "Level")
    UnitKind = apps.get_model("orgs", "UnitKind")
    for code, name, rank in LEVELS:
        Level.objects.update_or_create(code=code, defaults={"name": name, "rank": rank})
    for code, name, holds_council in KINDS:
        UnitKind.objects.update_or_create(
            code=code, defaults={"name": name, "holds_council": holds_council}
        )


class Migration(migrations.Migration):
    dependencies = [("orgs", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
