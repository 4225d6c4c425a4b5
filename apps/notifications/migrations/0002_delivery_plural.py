from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_initial")]

    operations = [
        migrations.AlterModelOptions(
            name="delivery",
            options={"ordering": ["-created_at"], "verbose_name_plural": "deliveries"},
        ),
    ]
