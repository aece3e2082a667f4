from rest_framework import generics, serializers

from accounts.api import HasPermission
from accounts.models import User


class MeSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "full_name", "role"]


class Me(generics.RetrieveAPIView):
    """The signed-in user and their role."""

    permission_classes = [HasPermission]
    permission_required = "accounts.view_own_account"
    serializer_class = MeSerializer

    def get_object(self):
        return self.request.user
