# Sort indexes with the id that breaks ties (see the models' Meta).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('pacts', '0008_pact_sort_keys'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='commitment',
            name='commitment_commitment_type',
        ),
        migrations.RemoveIndex(
            model_name='commitment',
            name='commitment_trigger_event',
        ),
        migrations.RemoveIndex(
            model_name='commitment',
            name='commitment_trigger_scope',
        ),
        migrations.RemoveIndex(
            model_name='commitment',
            name='commitment_adversary_scope',
        ),
        migrations.RemoveIndex(
            model_name='commitment',
            name='commitment_obligation',
        ),
        migrations.RemoveIndex(
            model_name='commitment',
            name='commitment_automaticity',
        ),
        migrations.RemoveIndex(
            model_name='commitment',
            name='commitment_immediacy',
        ),
        migrations.RemoveIndex(
            model_name='commitment',
            name='commitment_means',
        ),
        migrations.RemoveIndex(
            model_name='pact',
            name='pact_short_name',
        ),
        migrations.RemoveIndex(
            model_name='pact',
            name='pact_in_force',
        ),
        migrations.RemoveIndex(
            model_name='pact',
            name='pact_ended',
        ),
        migrations.RemoveIndex(
            model_name='pact',
            name='pact_multilaterality',
        ),
        migrations.AddIndex(
            model_name='commitment',
            index=models.Index(fields=['commitment_type', 'id'], name='cmt_commitment_type_id'),
        ),
        migrations.AddIndex(
            model_name='commitment',
            index=models.Index(fields=['trigger_event', 'id'], name='cmt_trigger_event_id'),
        ),
        migrations.AddIndex(
            model_name='commitment',
            index=models.Index(fields=['trigger_scope', 'id'], name='cmt_trigger_scope_id'),
        ),
        migrations.AddIndex(
            model_name='commitment',
            index=models.Index(fields=['adversary_scope', 'id'], name='cmt_adversary_scope_id'),
        ),
        migrations.AddIndex(
            model_name='commitment',
            index=models.Index(fields=['obligation', 'id'], name='cmt_obligation_id'),
        ),
        migrations.AddIndex(
            model_name='commitment',
            index=models.Index(fields=['automaticity', 'id'], name='cmt_automaticity_id'),
        ),
        migrations.AddIndex(
            model_name='commitment',
            index=models.Index(fields=['immediacy', 'id'], name='cmt_immediacy_id'),
        ),
        migrations.AddIndex(
            model_name='commitment',
            index=models.Index(fields=['means', 'id'], name='cmt_means_id'),
        ),
        migrations.AddIndex(
            model_name='pact',
            index=models.Index(fields=['signed_on', 'id'], name='pact_signed_id'),
        ),
        migrations.AddIndex(
            model_name='pact',
            index=models.Index(fields=['short_name', 'id'], name='pact_short_name_id'),
        ),
        migrations.AddIndex(
            model_name='pact',
            index=models.Index(fields=['in_force_on', 'id'], name='pact_in_force_id'),
        ),
        migrations.AddIndex(
            model_name='pact',
            index=models.Index(fields=['ended_on', 'id'], name='pact_ended_id'),
        ),
        migrations.AddIndex(
            model_name='pact',
            index=models.Index(fields=['multilaterality', 'id'], name='pact_multilaterality_id'),
        ),
    ]
