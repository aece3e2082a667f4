"""The questions API: read for everyone, from the same selectors and permission as the public pages.

Published questions only, and never who asked (as on the pages and in the open data).
"""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api import HasPermission
from questions import selectors
from questions.models import Question, ServiceArea, Timeliness

SUBJECT_KINDS = [("cycle", "cycle"), ("commission", "commission"), ("decision", "decision")]


class QuestionSerializer(serializers.ModelSerializer):
    subject_kind = serializers.SerializerMethodField(
        help_text="What the question is about: cycle, commission or decision."
    )
    subject_id = serializers.SerializerMethodField(help_text="The id of that cycle, commission or decision.")
    timeliness = serializers.ChoiceField(
        choices=Timeliness.choices,
        read_only=True,
        help_text="On time if answered on or before due_on (20 working days after asking, by default).",
    )

    class Meta:
        model = Question
        fields = [
            "id",
            "service_area",
            "subject_kind",
            "subject_id",
            "title",
            "body",
            "asked_at",
            "due_on",
            "answer",
            "answered_at",
            "timeliness",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=SUBJECT_KINDS))
    def get_subject_kind(self, question: Question) -> str:
        return next(kind for kind, _label in SUBJECT_KINDS if getattr(question, f"{kind}_id") is not None)

    @extend_schema_field(serializers.IntegerField(min_value=1))
    def get_subject_id(self, question: Question) -> int:
        return question.cycle_id or question.commission_id or question.decision_id


class QuestionList(generics.ListAPIView):
    """Published questions to the council and their answers, newest first."""

    permission_classes = [HasPermission]
    permission_required = "questions.view_questions"
    serializer_class = QuestionSerializer
    queryset = selectors.questions_public().order_by("-asked_at", "-pk")


class QuestionDetail(generics.RetrieveAPIView):
    permission_classes = [HasPermission]
    permission_required = "questions.view_questions"
    serializer_class = QuestionSerializer
    queryset = selectors.questions_public()


class TimelinessCountSerializer(serializers.Serializer):
    service_area = serializers.ChoiceField(choices=ServiceArea.choices, source="code")
    area = serializers.CharField(help_text="The service area's name, in the language asked for.")
    total = serializers.IntegerField(help_text="Questions asked, less those moderation kept off the pages.")
    open = serializers.IntegerField(help_text="Awaiting an answer, not yet due.")
    overdue = serializers.IntegerField(help_text="Unanswered past the deadline.")
    on_time = serializers.IntegerField(help_text="Answered on or before the deadline.")
    late = serializers.IntegerField(help_text="Answered after the deadline.")


class QuestionCounts(APIView):
    """Per service area: questions awaiting an answer, overdue, answered on time and answered late."""

    permission_classes = [HasPermission]
    permission_required = "questions.view_questions"

    @extend_schema(responses={200: TimelinessCountSerializer(many=True)})
    def get(self, request):
        return Response(TimelinessCountSerializer(selectors.timeliness_counts(), many=True).data)
