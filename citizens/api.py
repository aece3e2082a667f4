from rest_framework import generics, serializers

from accounts.api import HasPermission
from citizens import selectors
from citizens.models import Cooperative, Membership, Ward


class WardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Ward
        fields = ["id", "name", "slug", "gss_code", "population", "electorate"]


class CooperativeSerializer(serializers.ModelSerializer):
    wards = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)

    class Meta:
        model = Cooperative
        fields = ["id", "name", "slug", "purpose", "min_age", "max_age", "wards", "is_open_to_applications"]


class PendingMembershipSerializer(serializers.ModelSerializer):
    member_email = serializers.EmailField(source="member.email")
    cooperative = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "member_email", "cooperative", "status", "applied_at"]


class WardList(generics.ListAPIView):
    """The borough's wards."""

    permission_classes = [HasPermission]
    permission_required = "citizens.view_public_directory"
    serializer_class = WardSerializer
    queryset = Ward.objects.all()


class CooperativeList(generics.ListAPIView):
    """Co-operatives residents can join, with their eligibility rules."""

    permission_classes = [HasPermission]
    permission_required = "citizens.view_public_directory"
    serializer_class = CooperativeSerializer
    queryset = selectors.cooperatives_public()


class CooperativeDetail(generics.RetrieveAPIView):
    permission_classes = [HasPermission]
    permission_required = "citizens.view_public_directory"
    serializer_class = CooperativeSerializer
    queryset = selectors.cooperatives_public()
    lookup_field = "slug"


class PendingMembershipList(generics.ListAPIView):
    """Applications waiting for an officer's decision (officers only)."""

    permission_classes = [HasPermission]
    permission_required = "citizens.decide_membership"
    serializer_class = PendingMembershipSerializer

    def get_queryset(self):
        return selectors.memberships_pending()
