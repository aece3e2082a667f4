"""The meetings API: read for everyone, from the same selectors and permission as the public pages."""

from rest_framework import generics, serializers

from accounts.api import HasPermission
from meetings import selectors
from meetings.models import AgendaItem, Attendance, Meeting, MeetingDeclaration, MinutesState


class MeetingSerializer(serializers.ModelSerializer):
    cycle = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    cooperative = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    minutes_state = serializers.ChoiceField(
        choices=MinutesState.choices,
        read_only=True,
        help_text="Overdue from the day after minutes_due_on until the minutes are published.",
    )

    class Meta:
        model = Meeting
        fields = [
            "id",
            "kind",
            "title",
            "starts_at",
            "ends_at",
            "location",
            "cycle",
            "cooperative",
            "cancelled",
            "minutes_due_on",
            "minutes_published_at",
            "minutes_state",
        ]


class AgendaItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgendaItem
        fields = ["position", "title", "summary", "paper_title", "paper_url"]


class AttendanceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Attendance
        fields = ["name", "capacity", "present"]


class MeetingDeclarationSerializer(serializers.ModelSerializer):
    agenda_item = serializers.IntegerField(
        source="agenda_item.position", read_only=True, allow_null=True, help_text="The agenda item's number."
    )

    class Meta:
        model = MeetingDeclaration
        fields = ["name", "interest", "agenda_item"]


class MeetingDetailSerializer(MeetingSerializer):
    agenda = AgendaItemSerializer(many=True, read_only=True)
    attendance = AttendanceSerializer(
        many=True, read_only=True, help_text="Members, officers and guests in a public capacity; never the public."
    )
    declarations = MeetingDeclarationSerializer(many=True, read_only=True)
    minutes = serializers.SerializerMethodField(help_text="Empty until the minutes are published.")
    decisions = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="Decisions taken at the meeting: ids in the decision log."
    )

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "agenda", "attendance", "declarations", "minutes", "decisions"]

    def get_minutes(self, meeting: Meeting) -> str:
        return meeting.minutes if meeting.minutes_published_at is not None else ""


class MeetingList(generics.ListAPIView):
    """Meetings of commissioning boards, co-operative boards, scrutiny sessions and public events, newest first."""

    permission_classes = [HasPermission]
    permission_required = "meetings.view_meetings"
    serializer_class = MeetingSerializer
    queryset = selectors.meetings_public()


class MeetingDetail(generics.RetrieveAPIView):
    """One meeting: agenda and papers, attendance, declarations, published minutes, decisions taken."""

    permission_classes = [HasPermission]
    permission_required = "meetings.view_meetings"
    serializer_class = MeetingDetailSerializer
    queryset = selectors.meeting_detail()
