"""Campaigns used to be shared by every movement: link each existing one to each movement."""

from django.db import migrations


def forwards(apps, schema_editor):
    Movement = apps.get_model("movements", "Movement")
    Campaign = apps.get_model("movements", "Campaign")
    MovementCampaign = apps.get_model("movements", "MovementCampaign")
    campaigns = list(Campaign.objects.values_list("pk", "active"))
    MovementCampaign.objects.bulk_create(
        [
            MovementCampaign(movement_id=movement_id, campaign_id=campaign_id, active=active)
            for movement_id in Movement.objects.values_list("pk", flat=True)
            for campaign_id, active in campaigns
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("movements", "0002_campaign_links_and_guards")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
