"""Commissions, their resources and involvement activities move here from commissioning, rows and all.

Step 1 of 3 (then commissioning 0004 forgets them, governance 0003 renames their tables): the models
are declared here on their old tables, and governance's own foreign keys point at them; nothing in
the database changes. The content types move too, so admin history and permissions follow.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ["commission", "resourceallocation", "involvementactivity"]


def move_content_types(apps, schema_editor, source="commissioning", target="governance"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MOVED:
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, source="governance", target="commissioning")


class Migration(migrations.Migration):

    dependencies = [
        ("citizens", "0001_initial"),
        ("commissioning", "0003_counting_rule_wieliczka"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("governance", "0001_initial"),
        ("outcomes", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Commission',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=200, verbose_name='what is commissioned')),
                        ('description', models.TextField(verbose_name='description')),
                        ('provider_type', models.CharField(choices=[('community_group', 'Community group'), ('voluntary_sector', 'Voluntary sector organisation'), ('cooperative', 'Co-operative'), ('in_house', 'In-house council service'), ('private', 'Private company')], max_length=20, verbose_name='provider type')),
                        ('provider_name', models.CharField(blank=True, max_length=200, verbose_name='provider')),
                        ('value', models.DecimalField(decimal_places=2, max_digits=12, verbose_name='value (£)')),
                        ('procurement_route', models.CharField(blank=True, max_length=200, verbose_name='procurement route')),
                        ('status', models.CharField(choices=[('draft', 'Draft'), ('submitted', 'Awaiting decision'), ('returned', 'Returned for changes'), ('approved', 'Approved'), ('rejected', 'Rejected')], default='draft', max_length=10, verbose_name='status')),
                        ('quorum', models.PositiveSmallIntegerField(default=2, help_text='The fewest votes cast for a decision to be taken.', verbose_name='quorum')),
                        ('decision_round', models.PositiveSmallIntegerField(default=1, help_text='Goes up each time a returned commission is submitted again.', verbose_name='decision round')),
                        ('submitted_at', models.DateTimeField(blank=True, null=True, verbose_name='submitted')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='created')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated')),
                        ('cycle', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='commissions', to='commissioning.commissioningcycle', verbose_name='cycle')),
                        ('deciders', models.ManyToManyField(blank=True, related_name='commissions_to_decide', to=settings.AUTH_USER_MODEL, verbose_name='councillors deciding')),
                        ('drafted_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='drafted_commissions', to=settings.AUTH_USER_MODEL, verbose_name='drafted by')),
                        ('outcomes', models.ManyToManyField(blank=True, related_name='commissions', to='outcomes.outcome', verbose_name='outcomes')),
                        ('priorities', models.ManyToManyField(blank=True, related_name='commissions', to='commissioning.priority', verbose_name='funded priorities')),
                    ],
                    options={
                        'db_table': 'commissioning_commission',
                        'constraints': [models.CheckConstraint(condition=models.Q(('value__gte', 0)), name='commission_value_not_negative'), models.CheckConstraint(condition=models.Q(('quorum__gte', 1)), name='commission_quorum_at_least_one'), models.CheckConstraint(condition=models.Q(('decision_round__gte', 1)), name='commission_round_at_least_one')],
                        'verbose_name': 'commission',
                        'verbose_name_plural': 'commissions',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='InvolvementActivity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('stage', models.CharField(choices=[('analyse', 'Analyse'), ('plan', 'Plan'), ('do', 'Do'), ('review', 'Review')], max_length=10, verbose_name='stage')),
                        ('purpose', models.CharField(choices=[('design', 'Design'), ('delivery', 'Delivery'), ('evaluation', 'Evaluation')], max_length=12, verbose_name='purpose')),
                        ('method', models.CharField(choices=[('co_design_workshop', 'Co-design workshop'), ('citizens_panel', "Citizens' panel"), ('survey', 'Survey'), ('door_knocking', 'Door-knocking'), ('youth_forum', 'Youth forum'), ('role_play', 'Role play'), ('public_meeting', 'Public meeting'), ('focus_group', 'Focus group'), ('other', 'Other')], max_length=20, verbose_name='method')),
                        ('held_on', models.DateField(verbose_name='date')),
                        ('participant_count', models.PositiveIntegerField(verbose_name='number of participants')),
                        ('summary', models.TextField(verbose_name='summary')),
                        ('residents_said', models.TextField(blank=True, verbose_name='what residents said')),
                        ('what_changed', models.TextField(blank=True, verbose_name='what changed as a result')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='recorded')),
                        ('cycle', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='involvement_activities', to='commissioning.commissioningcycle', verbose_name='cycle')),
                        ('recorded_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='recorded by')),
                        ('wards', models.ManyToManyField(blank=True, related_name='involvement_activities', to='citizens.ward', verbose_name='wards')),
                    ],
                    options={
                        'db_table': 'commissioning_involvementactivity',
                        'verbose_name': 'involvement activity',
                        'verbose_name_plural': 'involvement activities',
                        'ordering': ['cycle', '-held_on'],
                    },
                ),
                migrations.CreateModel(
                    name='ResourceAllocation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('cash', 'Revenue and cash'), ('capital_assets', 'Capital and assets'), ('community_capacity', 'Community capacity'), ('knowledge', 'Information and knowledge'), ('influence', 'Leverage and influence')], max_length=20, verbose_name='kind of resource')),
                        ('amount', models.DecimalField(blank=True, decimal_places=2, max_digits=12, null=True, verbose_name='amount (£)')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('commission', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='resources', to='governance.commission', verbose_name='commission')),
                    ],
                    options={
                        'db_table': 'commissioning_resourceallocation',
                        'constraints': [models.UniqueConstraint(fields=('commission', 'kind'), name='resource_once_per_kind'), models.CheckConstraint(condition=models.Q(('amount__isnull', True), ('amount__gte', 0), _connector='OR'), name='resource_amount_not_negative'), models.CheckConstraint(condition=models.Q(('amount__isnull', False), models.Q(('description', ''), _negated=True), _connector='OR'), name='resource_has_amount_or_description')],
                        'verbose_name': 'resource allocation',
                        'verbose_name_plural': 'resource allocations',
                        'ordering': ['commission', 'kind'],
                    },
                ),
                migrations.AlterField(
                    model_name='commissionvote',
                    name='commission',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='votes', to='governance.commission', verbose_name='commission'),
                ),
                migrations.AlterField(
                    model_name='decision',
                    name='commission',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='decisions', to='governance.commission', verbose_name='commission'),
                ),
                migrations.AlterField(
                    model_name='equalityimpact',
                    name='commission',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='equality_impacts', to='governance.commission', verbose_name='commission'),
                ),
                migrations.AlterField(
                    model_name='interestdeclaration',
                    name='commission',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='declarations', to='governance.commission', verbose_name='commission'),
                ),
                migrations.AlterField(
                    model_name='scrutinycomment',
                    name='commission',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='scrutiny_comments', to='governance.commission', verbose_name='commission'),
                ),
                migrations.AlterField(
                    model_name='equalitymonitoringcount',
                    name='activity',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='equality_counts', to='governance.involvementactivity', verbose_name='activity'),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
