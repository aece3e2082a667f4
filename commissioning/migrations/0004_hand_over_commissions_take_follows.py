"""Commissions, resources and involvement now belong to governance; follows of a cycle belong here.

Step 2 of 3: commissioning forgets the three models governance declared in its 0002 (the tables
stay), and declares Follow on notifications' table, taking its content type with it.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_follow_content_type(apps, schema_editor, source="notifications", target="commissioning"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=target, model="follow").exists():
        ContentType.objects.filter(app_label=source, model="follow").update(app_label=target)


def move_follow_content_type_back(apps, schema_editor):
    move_follow_content_type(apps, schema_editor, source="commissioning", target="notifications")


class Migration(migrations.Migration):

    dependencies = [
        ("commissioning", "0003_counting_rule_wieliczka"),
        ("governance", "0002_take_commissions_and_involvement"),
        ("notifications", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="ResourceAllocation"),
                migrations.DeleteModel(name="Commission"),
                migrations.DeleteModel(name="InvolvementActivity"),
                migrations.CreateModel(
                    name='Follow',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('cycle', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='followers', to='commissioning.commissioningcycle')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='follows', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'notifications_follow',
                        'constraints': [models.UniqueConstraint(fields=('user', 'cycle'), name='follow_once')],
                        'verbose_name': 'follow',
                        'verbose_name_plural': 'follows',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_follow_content_type, move_follow_content_type_back),
    ]
