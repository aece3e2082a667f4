"""Step 3 of 3: the moved models take their own app's table names (their many-to-many tables too)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("commissioning", "0004_hand_over_commissions_take_follows"),
        ("governance", "0002_take_commissions_and_involvement"),
    ]

    operations = [
        migrations.AlterModelTable(name="commission", table=None),
        migrations.AlterModelTable(name="resourceallocation", table=None),
        migrations.AlterModelTable(name="involvementactivity", table=None),
    ]
