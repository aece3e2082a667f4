from allauth.account.adapter import get_adapter
from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from accounts.api import HasPermission
from accounts.models import User
from core.api import ErrorSerializer


class MeSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "email", "display_name", "full_name", "role"]


class Me(generics.RetrieveAPIView):
    """The signed-in user and their role (the email address is shown to its owner only)."""

    permission_classes = [HasPermission]
    permission_required = "accounts.view_own_account"
    serializer_class = MeSerializer

    def get_object(self):
        return self.request.user


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.EmailField(max_length=254, help_text="Your email address.")
    password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class TooManyAttempts(exceptions.Throttled):
    default_detail = gettext_lazy("Too many failed sign-in attempts. Try again later.")
    default_code = "too_many_login_attempts"


class TokenObtain(APIView):
    """Exchange email and password for an API token (send the email as `username`).

    The password is checked by allauth, exactly as on the sign-in page, so its limits on failed
    attempts (per address and per account) apply here too: an account locked there gets no token
    here either. Only for accounts whose email address is verified, as for signing in on the site.
    """

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "token"

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: TokenSerializer, 400: ErrorSerializer, 403: ErrorSerializer, 429: ErrorSerializer},
    )
    def post(self, request):
        payload = TokenRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        credentials = {"email": payload.validated_data["username"], "password": payload.validated_data["password"]}
        try:
            user = get_adapter(request._request).authenticate(request._request, **credentials)
        except DjangoValidationError as error:  # allauth's "too many login attempts"
            raise TooManyAttempts() from error
        if user is None:
            raise exceptions.ValidationError(_("Unable to sign in with the email address and password given."))
        if not EmailAddress.objects.filter(user=user, verified=True).exists():
            raise exceptions.PermissionDenied(
                _("Confirm your email address first: follow the link we sent when you signed up.")
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key}, status=status.HTTP_200_OK)
