from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api import HasPermission
from commissioning import counting, selectors, services
from commissioning.eligibility import participation_for
from commissioning.models import CommissioningCycle, CycleResult, Priority
from core.api import ErrorSerializer
from core.bounds import BIG_INTEGER_MAX, SMALL_INTEGER_MAX
from core.db import retry_if_connection_lost
from core.errors import DomainError
from notifications.services import receipts_delayed

COUNTING_RETRY_AFTER = 5  # seconds; a count takes about a second, and beat's sweep follows within minutes


class CycleSerializer(serializers.ModelSerializer):
    wards = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    outcomes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    cooperative = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
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
            "assurance",
            "accepted_priority_count",
        ]


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


class ParticipationSerializer(serializers.Serializer):
    assurance = serializers.CharField(help_text="What the cycle asks: email (a consultation) or resident (binding).")
    allowed = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField(), help_text="Why not yet, in words.")
    code = serializers.CharField(allow_null=True, help_text="verification_required, not_eligible, or null.")
    next_step = serializers.DictField(allow_null=True, help_text="What to do about it: label and url.")


class CycleParticipation(APIView):
    """May you take part in this cycle, and if not, why not and what to do about it."""

    permission_classes = [HasPermission]
    permission_required = "commissioning.view_cycle_list"

    @extend_schema(responses={200: ParticipationSerializer})
    def get(self, request, pk: int):
        cycle = get_object_or_404(selectors.cycles_public(), pk=pk)
        participation = participation_for(request.user, cycle)
        next_step = None
        if participation.next_step:
            label, url = participation.next_step
            next_step = {"label": label, "url": request.build_absolute_uri(url)}
        data = {
            "assurance": cycle.assurance,
            "allowed": participation.allowed,
            "reasons": list(participation.reasons),
            "code": None if participation.allowed else participation.code,
            "next_step": next_step,
        }
        return Response(ParticipationSerializer(data).data)


class PrioritySerializer(serializers.ModelSerializer):
    outcome = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Priority
        fields = ["id", "title", "description", "estimated_cost", "outcome"]


class CyclePriorityList(generics.ListAPIView):
    """The priorities on a cycle's ballot (accepted by the moderators)."""

    permission_classes = [HasPermission]
    permission_required = "commissioning.view_cycle_list"
    serializer_class = PrioritySerializer
    pagination_class = None

    def get_queryset(self):
        cycle = get_object_or_404(selectors.cycles_public(), pk=self.kwargs["pk"])
        return selectors.cycle_priorities(cycle)


class BallotChoiceSerializer(serializers.Serializer):
    priority = serializers.IntegerField(
        min_value=1, max_value=BIG_INTEGER_MAX, help_text="A priority id from the cycle's ballot."
    )
    points = serializers.IntegerField(
        required=False, min_value=1, max_value=SMALL_INTEGER_MAX, help_text="Points ballots only."
    )
    rank = serializers.IntegerField(
        required=False, min_value=1, max_value=SMALL_INTEGER_MAX, help_text="Ranking ballots only: 1 is first."
    )


class BallotSerializer(serializers.Serializer):
    receipt_code = serializers.CharField(read_only=True)
    updated_at = serializers.DateTimeField(read_only=True)
    choices = BallotChoiceSerializer(many=True)
    receipt_delayed = serializers.BooleanField(
        read_only=True,
        default=False,
        help_text="The ballot is saved; its emailed receipt will come later than usual (the mail queue is down).",
    )


def _ballot_data(ballot, choices) -> dict:
    """The ballot as the API shows it, with the choices the caller has at hand."""
    return {
        "receipt_code": ballot.receipt_code,
        "updated_at": ballot.updated_at,
        "choices": [
            {
                "priority": c.priority_id,
                **({"points": c.points} if c.points else {}),
                **({"rank": c.rank} if c.rank else {}),
            }
            for c in choices
        ],
    }


class OwnBallot(APIView):
    """Read or cast your own ballot in a cycle. Casting again replaces it; the last one counts."""

    permission_classes = [HasPermission]
    permission_required = "commissioning.cast_ballot"

    def dispatch(self, request, *args, **kwargs):
        """A database connection lost mid-request (a failover, a restart) costs a retry, not a 500.

        Everything here before the ballot's transaction only reads, and the ballot's second cast
        writes the same choices, so the whole request may run again (see core.db).
        """
        request.body  # noqa: B018 - read now, so a second run can read the request again
        found = request.user  # as the middleware found it: a first run's token sign-in is not a session

        def run():
            request.user = found
            return super(OwnBallot, self).dispatch(request, *args, **kwargs)

        return retry_if_connection_lost(run)

    @extend_schema(responses={200: BallotSerializer, 404: ErrorSerializer})
    def get(self, request, pk: int):
        cycle = get_object_or_404(selectors.cycles_public(), pk=pk)
        ballot = selectors.ballot_of(request.user, cycle)
        if ballot is None:
            raise exceptions.NotFound(_("You have not voted in this cycle."))
        return Response(BallotSerializer(_ballot_data(ballot, ballot.choices.all())).data)

    @extend_schema(request=BallotSerializer, responses={200: BallotSerializer, 400: ErrorSerializer})
    def post(self, request, pk: int):
        cycle = get_object_or_404(CommissioningCycle.objects.published(), pk=pk)
        payload = BallotSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        choices = {c["priority"]: c.get("points") or c.get("rank") or 1 for c in payload.validated_data["choices"]}
        if len(choices) != len(payload.validated_data["choices"]):
            raise DomainError(_("Each priority can appear once."), code="repeated_priority", field="choices")
        cast = services.ballot_cast(user=request.user, cycle_id=cycle.pk, choices=choices, cycle=cycle)
        # Committed: from here on the answer is success, whatever happened to the receipt's hand-off.
        data = {**_ballot_data(cast.ballot, cast.choices), "receipt_delayed": receipts_delayed()}
        return Response(BallotSerializer(data).data)


class ResultSerializer(serializers.ModelSerializer):
    class Meta:
        model = CycleResult
        fields = ["rule", "computed_at", "budget", "spent", "funded", "explanations", "counts"]


class CycleResults(APIView):
    """A closed cycle's result: funded priorities, each priority's explanation, and the counts."""

    permission_classes = [HasPermission]
    permission_required = "commissioning.view_results"

    @extend_schema(responses={200: ResultSerializer, 202: ErrorSerializer, 404: ErrorSerializer})
    def get(self, request, pk: int):
        cycle = get_object_or_404(CommissioningCycle.objects.published(), pk=pk)
        result = counting.result_for_reader(cycle)
        if result is None and cycle.has_voting_closed():
            counting_now = _("Voting has closed and the votes are being counted. Try again in a few seconds.")
            return Response(
                {"detail": counting_now, "code": "counting", "problems": [counting_now]},
                status=status.HTTP_202_ACCEPTED,
                headers={"Retry-After": str(COUNTING_RETRY_AFTER)},
            )
        if result is None:
            raise exceptions.NotFound(_("Results are published when voting closes."))
        return Response(ResultSerializer(result).data)
