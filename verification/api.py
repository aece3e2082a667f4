"""Verification endpoints: a resident's own status, and the two ways they can verify themselves."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api import HasPermission
from verification import selectors, services


class StatusSerializer(serializers.Serializer):
    verified = serializers.BooleanField()
    method = serializers.CharField(allow_null=True)
    ward = serializers.CharField(allow_null=True, help_text="The ward's slug.")
    verified_at = serializers.DateTimeField(allow_null=True)
    how_to_get_verified = serializers.URLField()


def _status(request) -> dict:
    current = selectors.current_verification(request.user)
    return {
        "verified": current is not None,
        "method": current.method if current else None,
        "ward": current.ward.slug if current and current.ward else None,
        "verified_at": current.verified_at if current else None,
        "how_to_get_verified": request.build_absolute_uri(reverse("verification_start")),
    }


class OwnVerification(APIView):
    """Whether you are a verified resident, how and where, and the page that tells you how to become one."""

    permission_classes = [HasPermission]
    permission_required = "verification.verify_self"

    @extend_schema(responses={200: StatusSerializer})
    def get(self, request):
        return Response(StatusSerializer(_status(request)).data)


class CodeInput(serializers.Serializer):
    code = serializers.CharField(max_length=20)


class RedeemCode(APIView):
    """Use a voting code from a letter. Wrong codes are rate-limited per account and per address."""

    permission_classes = [HasPermission]
    permission_required = "verification.verify_self"

    @extend_schema(request=CodeInput, responses={200: StatusSerializer, 400: None})
    def post(self, request):
        data = CodeInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.code_redeem(user=request.user, code=data.validated_data["code"], ip=request.META.get("REMOTE_ADDR"))
        return Response(StatusSerializer(_status(request)).data)


class RegisterInput(serializers.Serializer):
    surname = serializers.CharField(max_length=100)
    date_of_birth = serializers.DateField()
    postcode = serializers.CharField(max_length=10)


class MatchRegister(APIView):
    """Check your surname, date of birth and postcode against the council's register."""

    permission_classes = [HasPermission]
    permission_required = "verification.verify_self"

    @extend_schema(request=RegisterInput, responses={200: StatusSerializer, 400: None})
    def post(self, request):
        data = RegisterInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.register_match(user=request.user, ip=request.META.get("REMOTE_ADDR"), **data.validated_data)
        return Response(StatusSerializer(_status(request)).data)
