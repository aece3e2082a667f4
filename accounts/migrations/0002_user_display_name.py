from django.db import migrations, models

ROLE_LABELS = {"resident": "Resident", "officer": "Officer", "councillor": "Councillor", "administrator": "Administrator"}


def name_existing_accounts(apps, schema_editor):
    """Everyone gets a display name: their full name if they gave one, otherwise "Resident 123".

    Never the email address, which until now was what others saw for anyone without a full name.
    """
    User = apps.get_model("accounts", "User")
    for user in User.objects.filter(display_name="").only("pk", "full_name", "role").iterator():
        name = user.full_name.strip()[:80] or f"{ROLE_LABELS.get(user.role, 'Resident')} {user.pk}"
        User.objects.filter(pk=user.pk).update(display_name=name)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="display_name",
            field=models.CharField(
                blank=True,
                help_text="How you are named wherever others can see what you wrote or did.",
                max_length=80,
                verbose_name="display name",
            ),
        ),
        migrations.RunPython(name_existing_accounts, migrations.RunPython.noop),
    ]
