from rest_framework import generics, serializers

from accounts.api import HasPermission
from commissioning import selectors
from commissioning.models import Commission, CommissioningCycle


class CycleSerializer(serializers.ModelSerializer):
    wards = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    outcomes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    cooperative = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    accepted_priority_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = CommissioningCycle
        fields = [
            "id",
            "title",
            "slug",
            "summary",
            "scope",
            "wards",
            "cooperative",
            "outcomes",
            "budget",
            "stage",
            "proposals_open_at",
            "proposals_close_at",
            "voting_opens_at",
            "voting_closes_at",
            "ballot_type",
            "max_choices",
            "points_per_voter",
            "counting_rule",
            "minimum_support",
            "accepted_priority_count",
        ]


class CommissionSerializer(serializers.ModelSerializer):
    cycle = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Commission
        fields = ["id", "cycle", "title", "description", "provider_type", "provider_name", "value", "status"]


class CycleList(generics.ListAPIView):
    """Published commissioning cycles."""

    permission_classes = [HasPermission]
    permission_required = "commissioning.view_cycle_list"
    serializer_class = CycleSerializer
    queryset = selectors.cycles_public()


class CycleDetail(generics.RetrieveAPIView):
    permission_classes = [HasPermission]
    permission_required = "commissioning.view_cycle_list"
    serializer_class = CycleSerializer
    queryset = selectors.cycles_public()


class DecisionQueue(generics.ListAPIView):
    """Commissions awaiting the signed-in councillor's decision."""

    permission_classes = [HasPermission]
    permission_required = "commissioning.view_decision_queue"
    serializer_class = CommissionSerializer

    def get_queryset(self):
        return selectors.commissions_awaiting_decision(self.request.user)
