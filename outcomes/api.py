from rest_framework import generics, serializers

from accounts.api import HasPermission
from outcomes.models import Indicator, Outcome


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["id", "name", "unit", "direction", "baseline", "baseline_period", "target", "target_period", "source"]


class OutcomeSerializer(serializers.ModelSerializer):
    indicators = IndicatorSerializer(many=True, read_only=True)

    class Meta:
        model = Outcome
        fields = ["id", "title", "slug", "description", "indicators"]


class OutcomeList(generics.ListAPIView):
    """The borough's outcomes with their indicators, baselines and targets."""

    permission_classes = [HasPermission]
    permission_required = "outcomes.view_outcomes"
    serializer_class = OutcomeSerializer
    queryset = Outcome.objects.prefetch_related("indicators")
