"""When each dossier reached its present state (the officers' lists show how long it waits),
and the indexes of those lists' orders. Existing rows start from their last save: only a
transition or an edit of a draft or a returned dossier saves an initiative, so for every state
but those two it is the moment the state was reached."""

import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def since_last_save(apps, schema_editor):
    Initiative = apps.get_model("initiatives", "Initiative")
    Initiative.objects.update(state_since=models.F("updated_at"))


class Migration(migrations.Migration):

    dependencies = [
        ('initiatives', '0010_not_duplicate'),
        ('movements', '0007_movement_recognised_by'),
        ('orgs', '0007_merge_20261207_1215'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='initiative',
            name='state_since',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='in this state since'),
        ),
        migrations.RunPython(since_last_save, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name='initiative',
            index=models.Index(fields=['state', 'state_since', 'id'], name='initiative_state_since'),
        ),
        migrations.AddIndex(
            model_name='initiative',
            index=models.Index(fields=['state_since', 'id'], name='initiative_waiting'),
        ),
        migrations.AddIndex(
            model_name='initiative',
            index=models.Index(fields=['created_at', 'id'], name='initiative_created'),
        ),
        migrations.AddIndex(
            model_name='initiative',
            index=models.Index(fields=['title', 'id'], name='initiative_title'),
        ),
    ]
