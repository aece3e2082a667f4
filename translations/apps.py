from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Translations")

    def ready(self) -> None:
        from celery.signals import task_prerun
        from django.db.models.signals import post_migrate

        from core.audit import describe_actions
        from translations import layer
        from translations.groups import ensure_translators_group

        post_migrate.connect(ensure_translators_group, sender=self, dispatch_uid="translations.group")
        # Emails are written in the recipient's language by Celery workers, which serve no requests:
        # each task first takes up any correction made since the worker's last.
        task_prerun.connect(layer.refresh_for_task, weak=False, dispatch_uid="translations.refresh")
        describe_actions(
            {
                "translation.corrected": _("Translation corrected"),
                "translation.withdrawn": _("Translation correction withdrawn"),
            }
        )
