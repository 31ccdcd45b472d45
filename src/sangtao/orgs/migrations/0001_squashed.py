"""Units, their levels and kinds, and their history: the squashed migrations 0001 to 0007.

Beside the models, what the autodetector does not see:
- the levels and unit kinds every installation starts with (editable afterwards);
- on PostgreSQL, the "C" collation of the path: `selectors.subtree_q` finds a subtree as the
  range path >= "/1/7/" and path < "/1/70", which holds when strings compare byte by byte, as
  SQLite does and PostgreSQL's locales may not;
- the committee's public contact, added as the old migration 0006 added it (ALTER TABLE ... ADD
  COLUMN with a database default of ''), so that a fresh database has the columns an upgraded one
  has; the old one did so because on SQLite Django would rebuild the table, which the search
  triggers of `initiatives` (they read orgs_orgunit) refuse.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from sangtao.core.migrations._vendor_sql import vendor_sql


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
    ("overseas_association", "Hội, đoàn thể người Việt Nam ở nước ngoài", False),
]
PATH_COLLATION_C = 'ALTER TABLE "orgs_orgunit" ALTER COLUMN "path" TYPE varchar(255) COLLATE "C"'
CONTACT_COLUMNS = [("contact_email", "varchar(254)"), ("contact_phone", "varchar(40)")]


def reference_data(apps, schema_editor):
    """The levels and unit kinds (idempotent: tests put them back after a flush)."""
    Level = apps.get_model("orgs", "Level")
    UnitKind = apps.get_model("orgs", "UnitKind")
    for code, name, rank in LEVELS:
        Level.objects.update_or_create(code=code, defaults={"name": name, "rank": rank})
    for code, name, holds_council in KINDS:
        UnitKind.objects.update_or_create(
            code=code, defaults={"name": name, "holds_council": holds_council}
        )


def add_contact(apps, schema_editor):
    for name, kind in CONTACT_COLUMNS:
        schema_editor.execute(
            f"ALTER TABLE orgs_orgunit ADD COLUMN {name} {kind} NOT NULL DEFAULT ''"
        )


def drop_contact(apps, schema_editor):
    for name, _kind in CONTACT_COLUMNS:
        schema_editor.execute(f"ALTER TABLE orgs_orgunit DROP COLUMN {name}")


class Migration(migrations.Migration):

    initial = True

    replaces = [
        ('orgs', '0001_initial'),
        ('orgs', '0002_reference_data'),
        ('orgs', '0003_search_key_and_code_index'),
        ('orgs', '0004_subtree_validity_index'),
        ('orgs', '0005_unitchange'),
        ('orgs', '0006_committee_papers_positions'),
        ('orgs', '0006_unit_contact'),
        ('orgs', '0007_merge_20261207_1215'),
    ]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Level',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=30, unique=True, verbose_name='code')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('rank', models.PositiveSmallIntegerField(help_text='0 is the top level.', verbose_name='rank')),
            ],
            options={
                'verbose_name': 'level',
                'verbose_name_plural': 'levels',
                'ordering': ['rank'],
            },
        ),
        migrations.CreateModel(
            name='UnitKind',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code', models.SlugField(max_length=30, unique=True, verbose_name='code')),
                ('name', models.CharField(max_length=100, verbose_name='name')),
                ('holds_council', models.BooleanField(default=False, help_text='Front committees and member organisations set up appraisal councils.', verbose_name='may hold an appraisal council')),
            ],
            options={
                'verbose_name': 'unit kind',
                'verbose_name_plural': 'unit kinds',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='OrgUnit',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=255, verbose_name='name')),
                ('short_name', models.CharField(blank=True, max_length=120, verbose_name='short name')),
                ('official_code', models.CharField(blank=True, help_text='E.g. the GSO code.', max_length=30, verbose_name='official code')),
                ('path', models.CharField(db_index=True, editable=False, max_length=255, verbose_name='path')),
                ('depth', models.PositiveSmallIntegerField(default=0, editable=False, verbose_name='depth')),
                ('valid_from', models.DateField(blank=True, null=True, verbose_name='valid from')),
                ('valid_to', models.DateField(blank=True, help_text='Empty while the unit exists.', null=True, verbose_name='valid to')),
                ('search_key', models.CharField(blank=True, editable=False, help_text='The name without diacritics, in lower case (see orgs.text.fold).', max_length=400, verbose_name='search key')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='created at')),
                ('level', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='orgs.level', verbose_name='level')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='children', to='orgs.orgunit', verbose_name='parent unit')),
                ('kind', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='orgs.unitkind', verbose_name='kind')),
            ],
            options={
                'verbose_name': 'unit',
                'verbose_name_plural': 'units',
                'ordering': ['path'],
            },
        ),
        migrations.CreateModel(
            name='CommitteePapers',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('printed_name', models.CharField(blank=True, help_text="E.g. Ủy ban MTTQ Việt Nam tỉnh Tây Ninh. Empty: the unit's name.", max_length=255, verbose_name='name as printed')),
                ('board_name', models.CharField(default='Ban Thường trực', max_length=150, verbose_name="standing board's name")),
                ('codes', models.JSONField(blank=True, default=dict, verbose_name='number codes per kind of paper')),
                ('unit', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='papers', to='orgs.orgunit', verbose_name='committee')),
            ],
            options={
                'verbose_name': "committee's papers",
                'verbose_name_plural': "committees' papers",
            },
        ),
        migrations.CreateModel(
            name='UnitSuccession',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('merged', 'merged into'), ('partial', 'partly merged into'), ('renamed', 'renamed to')], default='merged', max_length=20, verbose_name='kind')),
                ('effective_on', models.DateField(verbose_name='effective on')),
                ('legal_basis', models.CharField(blank=True, max_length=255, verbose_name='legal basis')),
                ('predecessor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='successions', to='orgs.orgunit', verbose_name='predecessor')),
                ('successor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='predecessions', to='orgs.orgunit', verbose_name='successor')),
            ],
            options={
                'verbose_name': 'succession',
                'verbose_name_plural': 'successions',
                'ordering': ['effective_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Position',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('full_name', models.CharField(max_length=150, verbose_name='full name')),
                ('rank', models.CharField(choices=[('head', 'Chair'), ('deputy', 'Vice-chair')], max_length=10, verbose_name='rank')),
                ('title', models.CharField(help_text='E.g. Chủ tịch, Phó Chủ tịch.', max_length=150, verbose_name='title as printed')),
                ('order', models.PositiveSmallIntegerField(default=0, help_text='Among deputies: who signs first.', verbose_name='order')),
                ('starts_on', models.DateField(verbose_name='from')),
                ('ends_on', models.DateField(blank=True, null=True, verbose_name='until')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='positions', to='orgs.orgunit', verbose_name='committee')),
            ],
            options={
                'verbose_name': 'position',
                'verbose_name_plural': 'positions',
                'ordering': ['unit', 'rank', 'order', '-starts_on'],
                'indexes': [models.Index(fields=['unit', 'starts_on'], name='position_unit_start')],
                'constraints': [models.CheckConstraint(condition=models.Q(('ends_on__isnull', True), ('ends_on__gte', models.F('starts_on')), _connector='OR'), name='position_dates_ordered')],
            },
        ),
        migrations.CreateModel(
            name='UnitChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('action', models.CharField(choices=[('created', 'added'), ('renamed', 'renamed'), ('moved', 'moved'), ('closed', 'dissolved'), ('merged', 'merged')], max_length=20, verbose_name='change')),
                ('effective_on', models.DateField(verbose_name='effective on')),
                ('old_value', models.CharField(blank=True, max_length=255, verbose_name='before')),
                ('new_value', models.CharField(blank=True, max_length=255, verbose_name='after')),
                ('decision_number', models.CharField(blank=True, max_length=100, verbose_name='decision number')),
                ('decision_date', models.DateField(blank=True, null=True, verbose_name='decision date')),
                ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name='recorded at')),
                ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                ('unit', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='changes', to='orgs.orgunit', verbose_name='unit')),
            ],
            options={
                'verbose_name': 'unit change',
                'verbose_name_plural': 'unit changes',
                'ordering': ['-effective_on', '-id'],
                'indexes': [models.Index(fields=['unit', 'effective_on'], name='unitchange_unit_date')],
            },
        ),
        migrations.AddIndex(
            model_name='orgunit',
            index=models.Index(fields=['parent', 'name'], name='orgunit_parent_name'),
        ),
        migrations.AddIndex(
            model_name='orgunit',
            index=models.Index(fields=['official_code'], name='orgunit_official_code'),
        ),
        migrations.AddIndex(
            model_name='orgunit',
            index=models.Index(fields=['path', 'valid_to', 'valid_from'], name='orgunit_path_validity'),
        ),
        migrations.AddConstraint(
            model_name='orgunit',
            constraint=models.CheckConstraint(condition=models.Q(('valid_to__isnull', True), ('valid_from__isnull', True), ('valid_to__gte', models.F('valid_from')), _connector='OR'), name='orgunit_validity_ordered'),
        ),
        migrations.AddConstraint(
            model_name='unitsuccession',
            constraint=models.UniqueConstraint(fields=('predecessor', 'successor'), name='unitsuccession_unique_pair'),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(
                    model_name='orgunit',
                    name='contact_email',
                    field=models.EmailField(blank=True, max_length=254, verbose_name='contact e-mail address'),
                ),
                migrations.AddField(
                    model_name='orgunit',
                    name='contact_phone',
                    field=models.CharField(blank=True, max_length=40, verbose_name='contact telephone'),
                ),
            ],
            database_operations=[migrations.RunPython(add_contact, drop_contact)],
        ),
        migrations.RunPython(reference_data, migrations.RunPython.noop),
        vendor_sql({"postgresql": [PATH_COLLATION_C]}),
    ]
