"""The plan's "set up the province council" milestones already made are measured from the
data: done when a province-level council exists for the movement's rounds."""

from django.db import migrations

TASK = "Thành lập Hội đồng thẩm định xét và đề nghị công nhận sáng kiến, ý tưởng mới cấp tỉnh"


def tie(apps, schema_editor):
    milestone = apps.get_model("movements", "Milestone")
    milestone.objects.filter(title=TASK, condition="").update(
        condition="council_level", condition_params={"level": "province"}
    )


def untie(apps, schema_editor):
    milestone = apps.get_model("movements", "Milestone")
    milestone.objects.filter(title=TASK, condition="council_level").update(
        condition="", condition_params={}
    )


class Migration(migrations.Migration):
    dependencies = [("movements", "0004_milestone_condition")]
    operations = [migrations.RunPython(tie, untie)]
