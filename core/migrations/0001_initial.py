"""The audit trail, on the ground floor; its rows are copied here from governance (governance 0004)."""

import django.core.serializers.json
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='AuditEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='when')),
                ('object_id', models.PositiveBigIntegerField(verbose_name='object id')),
                ('object_repr', models.CharField(max_length=200, verbose_name='object')),
                ('context_id', models.PositiveBigIntegerField(blank=True, null=True, verbose_name='context id')),
                ('action', models.CharField(max_length=100, verbose_name='what happened')),
                ('before', models.JSONField(blank=True, encoder=django.core.serializers.json.DjangoJSONEncoder, null=True, verbose_name='before')),
                ('after', models.JSONField(blank=True, encoder=django.core.serializers.json.DjangoJSONEncoder, null=True, verbose_name='after')),
                ('is_public', models.BooleanField(default=False, verbose_name='public')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='who')),
                ('context_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype', verbose_name='context type')),
                ('object_type', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='contenttypes.contenttype', verbose_name='object type')),
            ],
            options={
                'verbose_name': 'audit event',
                'verbose_name_plural': 'audit events',
                'ordering': ['-at', '-pk'],
                'indexes': [models.Index(fields=['object_type', 'object_id'], name='core_audit_object'), models.Index(fields=['context_type', 'context_id', 'is_public'], name='core_audit_context')],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('context_id__isnull', True), ('context_type__isnull', True)), models.Q(('context_id__isnull', False), ('context_type__isnull', False)), _connector='OR'), name='audit_context_whole')],
            },
        ),
    ]
