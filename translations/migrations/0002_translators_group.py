from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Translators"  # translations.models.TRANSLATORS_GROUP, as it was when this migration was written


def make_group(apps, schema_editor):
    # Permissions are made after migrations run; this migration needs the new one now.
    app_config = apps.get_app_config("translations")
    app_config.models_module = True  # the historical app has no module; create_permissions asks for one
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="translations", codename="correct_translations")
    )


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(make_group, remove_group)]
