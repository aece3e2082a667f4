"""Follows of a cycle now belong to commissioning (commissioning 0004 declares them on this table)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("commissioning", "0004_hand_over_commissions_take_follows"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="Follow")], database_operations=[]),
    ]
