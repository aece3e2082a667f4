from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    name = "questions"
    verbose_name = _("Questions to the council")

    def ready(self) -> None:
        from core.audit import describe_actions

        describe_actions(
            {
                "question.asked": _("Question asked"),
                "question.published": _("Question published"),
                "question.hidden": _("Question hidden"),
                "question.answered": _("Question answered"),
            }
        )
