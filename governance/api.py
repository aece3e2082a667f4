"""The governance API: one view per operation, the same permissions and services as the pages."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api import HasPermission
from accounts.models import User
from citizens.models import Ward
from commissioning import selectors as cycle_selectors
from commissioning.models import CommissioningCycle, Priority, Stage
from core.api import ErrorSerializer
from core.bounds import INTEGER_MAX, SMALL_INTEGER_MAX
from core.models import AuditEvent
from governance import selectors, services
from governance.models import (
    Commission,
    Decision,
    Impact,
    InvolvementActivity,
    InvolvementMethod,
    InvolvementPurpose,
    MonitoringCharacteristic,
    ProtectedCharacteristic,
    ProviderType,
    ResourceKind,
    VoteChoice,
)
from outcomes.models import Outcome

# --- Involvement and stages ---------------------------------------------------------------


class EqualityCountSerializer(serializers.Serializer):
    characteristic = serializers.ChoiceField(choices=MonitoringCharacteristic.choices)
    group = serializers.CharField(max_length=100)
    count = serializers.IntegerField(min_value=0, max_value=INTEGER_MAX)


class InvolvementActivitySerializer(serializers.ModelSerializer):
    wards = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    equality_counts = EqualityCountSerializer(many=True, read_only=True)

    class Meta:
        model = InvolvementActivity
        fields = [
            "id",
            "stage",
            "purpose",
            "method",
            "held_on",
            "wards",
            "participant_count",
            "summary",
            "residents_said",
            "what_changed",
            "equality_counts",
            "created_at",
        ]


class InvolvementInputSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    purpose = serializers.ChoiceField(choices=InvolvementPurpose.choices)
    method = serializers.ChoiceField(choices=InvolvementMethod.choices)
    held_on = serializers.DateField()
    wards = serializers.SlugRelatedField(slug_field="slug", many=True, queryset=Ward.objects.all(), required=False)
    participant_count = serializers.IntegerField(min_value=0, max_value=INTEGER_MAX)
    summary = serializers.CharField()
    residents_said = serializers.CharField(required=False, allow_blank=True, default="")
    what_changed = serializers.CharField(required=False, allow_blank=True, default="")
    equality_counts = EqualityCountSerializer(many=True, required=False)


class InvolvementList(generics.ListAPIView):
    """A published cycle's involvement log: what residents said and what changed ("you said, we did")."""

    permission_classes = [HasPermission]
    permission_required = "governance.view_public_record"
    serializer_class = InvolvementActivitySerializer

    def get_queryset(self):
        cycle = get_object_or_404(cycle_selectors.cycles_public(), pk=self.kwargs["pk"])
        return selectors.involvement_for(cycle)


class InvolvementRecord(APIView):
    """Log an involvement activity for a cycle (officers)."""

    permission_classes = [HasPermission]
    permission_required = "governance.manage_cycle"

    @extend_schema(
        request=InvolvementInputSerializer, responses={201: InvolvementActivitySerializer, 400: ErrorSerializer}
    )
    def post(self, request, pk: int):
        cycle = get_object_or_404(CommissioningCycle, pk=pk)
        payload = InvolvementInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        data["equality_counts"] = [
            (c["characteristic"], c["group"], c["count"]) for c in data.pop("equality_counts", [])
        ]
        activity = services.involvement_record(user=request.user, cycle_id=cycle.pk, **data)
        return Response(InvolvementActivitySerializer(activity).data, status=status.HTTP_201_CREATED)


class TimelineEntrySerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=Stage.choices)
    label = serializers.CharField()
    started_at = serializers.DateTimeField(allow_null=True)
    moved_by = serializers.CharField()
    override_reason = serializers.CharField()
    is_current = serializers.BooleanField()


class CycleTimeline(APIView):
    """The stages of a published cycle: when each started, who moved it, any override of the duty to involve."""

    permission_classes = [HasPermission]
    permission_required = "governance.view_public_record"

    @extend_schema(responses={200: TimelineEntrySerializer(many=True)})
    def get(self, request, pk: int):
        cycle = get_object_or_404(cycle_selectors.cycles_public(), pk=pk)
        return Response(TimelineEntrySerializer(selectors.cycle_timeline(cycle), many=True).data)


class AdvanceInputSerializer(serializers.Serializer):
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")


class CycleAdvance(APIView):
    """Close the cycle's current stage and open the next (officers). Refused without logged involvement."""

    permission_classes = [HasPermission]
    permission_required = "governance.manage_cycle"

    @extend_schema(
        request=AdvanceInputSerializer, responses={200: TimelineEntrySerializer(many=True), 400: ErrorSerializer}
    )
    def post(self, request, pk: int):
        cycle = get_object_or_404(CommissioningCycle, pk=pk)
        payload = AdvanceInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.cycle_advance(user=request.user, cycle_id=cycle.pk, **payload.validated_data)
        cycle.refresh_from_db()
        return Response(TimelineEntrySerializer(selectors.cycle_timeline(cycle), many=True).data)


# --- Commissions ----------------------------------------------------------------------------


class ResourceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ResourceKind.choices)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0, required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class EqualityImpactSerializer(serializers.Serializer):
    characteristic = serializers.ChoiceField(choices=ProtectedCharacteristic.choices)
    impact = serializers.ChoiceField(choices=Impact.choices)
    evidence = serializers.CharField()
    mitigation = serializers.CharField(required=False, allow_blank=True, default="")


class CommissionRecordSerializer(serializers.ModelSerializer):
    cycle = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    outcomes = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    priorities = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    deciders = serializers.StringRelatedField(many=True, read_only=True)
    drafted_by = serializers.StringRelatedField(read_only=True)
    resources = ResourceSerializer(many=True, read_only=True)
    equality_impacts = EqualityImpactSerializer(many=True, read_only=True)
    # A plain string here: the status choices are already a component of the commissioning API.
    status = serializers.CharField(read_only=True, help_text="draft, submitted, returned, approved or rejected")

    class Meta:
        model = Commission
        fields = [
            "id",
            "cycle",
            "title",
            "description",
            "priorities",
            "outcomes",
            "provider_type",
            "provider_name",
            "value",
            "procurement_route",
            "status",
            "drafted_by",
            "deciders",
            "quorum",
            "decision_round",
            "submitted_at",
            "resources",
            "equality_impacts",
        ]


class CommissionDraftSerializer(serializers.Serializer):
    cycle = serializers.PrimaryKeyRelatedField(queryset=CommissioningCycle.objects.all())
    title = serializers.CharField(max_length=200)
    description = serializers.CharField()
    provider_type = serializers.ChoiceField(choices=ProviderType.choices)
    provider_name = serializers.CharField(required=False, allow_blank=True, default="")
    value = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=0)
    procurement_route = serializers.CharField(required=False, allow_blank=True, default="")
    priorities = serializers.PrimaryKeyRelatedField(many=True, queryset=Priority.objects.all(), required=False)
    outcomes = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=Outcome.objects.all(), required=False
    )
    deciders = serializers.PrimaryKeyRelatedField(many=True, queryset=User.objects.all(), required=False)
    quorum = serializers.IntegerField(min_value=1, max_value=SMALL_INTEGER_MAX, default=2)
    resources = ResourceSerializer(many=True, required=False)


class CommissionList(generics.ListAPIView):
    """Commissions submitted for decision or decided, in published cycles."""

    permission_classes = [HasPermission]
    permission_required = "governance.view_public_record"
    serializer_class = CommissionRecordSerializer
    queryset = selectors.commissions_public()


class CommissionDetail(generics.RetrieveAPIView):
    permission_classes = [HasPermission]
    permission_required = "governance.view_public_record"
    serializer_class = CommissionRecordSerializer
    queryset = selectors.commissions_public()


class CommissionDraft(APIView):
    """Draft a commission in a cycle at the Do stage, with its total resources (officers)."""

    permission_classes = [HasPermission]
    permission_required = "governance.manage_cycle"

    @extend_schema(request=CommissionDraftSerializer, responses={201: CommissionRecordSerializer, 400: ErrorSerializer})
    def post(self, request):
        payload = CommissionDraftSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        cycle = data.pop("cycle")
        data["resources"] = {
            r["kind"]: services.Resource(amount=r.get("amount"), description=r.get("description", ""))
            for r in data.pop("resources", [])
        }
        commission = services.commission_draft(user=request.user, cycle_id=cycle.pk, **data)
        return Response(CommissionRecordSerializer(commission).data, status=status.HTTP_201_CREATED)


class EqualityAssessmentInputSerializer(serializers.Serializer):
    impacts = EqualityImpactSerializer(many=True)


class CommissionEqualityAssessment(APIView):
    """Save lines of a draft commission's equality impact assessment (officers)."""

    permission_classes = [HasPermission]
    permission_required = "governance.manage_cycle"

    @extend_schema(
        request=EqualityAssessmentInputSerializer, responses={200: CommissionRecordSerializer, 400: ErrorSerializer}
    )
    def put(self, request, pk: int):
        commission = get_object_or_404(Commission, pk=pk)
        payload = EqualityAssessmentInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        impacts = {
            i["characteristic"]: services.ImpactLine(i["impact"], i["evidence"], i.get("mitigation", ""))
            for i in payload.validated_data["impacts"]
        }
        services.equality_assessment_save(user=request.user, commission_id=commission.pk, impacts=impacts)
        return Response(CommissionRecordSerializer(commission).data)


class CommissionSubmit(APIView):
    """Submit a commission to its councillors. Refused without a complete equality impact assessment."""

    permission_classes = [HasPermission]
    permission_required = "governance.manage_cycle"

    @extend_schema(request=None, responses={200: CommissionRecordSerializer, 400: ErrorSerializer})
    def post(self, request, pk: int):
        commission = get_object_or_404(Commission, pk=pk)
        commission = services.commission_submit(user=request.user, commission_id=commission.pk)
        return Response(CommissionRecordSerializer(commission).data)


class DeclarationSerializer(serializers.Serializer):
    has_interest = serializers.BooleanField()
    description = serializers.CharField(required=False, allow_blank=True, default="")


class CommissionDeclare(APIView):
    """Declare any interest in a commission before voting (the councillors deciding it)."""

    permission_classes = [HasPermission]
    permission_required = "governance.decide_commissions"

    @extend_schema(request=DeclarationSerializer, responses={201: DeclarationSerializer, 400: ErrorSerializer})
    def post(self, request, pk: int):
        commission = get_object_or_404(selectors.commissions_public(), pk=pk)
        payload = DeclarationSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        declaration = services.interest_declare(
            user=request.user, commission_id=commission.pk, **payload.validated_data
        )
        return Response(DeclarationSerializer(declaration).data, status=status.HTTP_201_CREATED)


class VoteSerializer(serializers.Serializer):
    choice = serializers.ChoiceField(choices=VoteChoice.choices)
    reasons = serializers.CharField()


class VoteResultSerializer(serializers.Serializer):
    choice = serializers.ChoiceField(choices=VoteChoice.choices)
    reasons = serializers.CharField()
    commission_status = serializers.CharField()
    decision = serializers.IntegerField(allow_null=True, help_text="The decision's id if this vote completed one.")


class CommissionVoteCast(APIView):
    """Cast your vote on a commission, with reasons. Votes are final; a decision is published when taken."""

    permission_classes = [HasPermission]
    permission_required = "governance.decide_commissions"

    @extend_schema(request=VoteSerializer, responses={201: VoteResultSerializer, 400: ErrorSerializer})
    def post(self, request, pk: int):
        commission = get_object_or_404(selectors.commissions_public(), pk=pk)
        payload = VoteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        vote = services.commission_vote(user=request.user, commission_id=commission.pk, **payload.validated_data)
        commission.refresh_from_db()
        decision = commission.decisions.filter(decision_round=vote.decision_round).first()
        data = {
            "choice": vote.choice,
            "reasons": vote.reasons,
            "commission_status": commission.status,
            "decision": decision.pk if decision else None,
        }
        return Response(VoteResultSerializer(data).data, status=status.HTTP_201_CREATED)


class CommentSerializer(serializers.Serializer):
    body = serializers.CharField(max_length=5000)
    status = serializers.CharField(read_only=True)


class CommissionComment(APIView):
    """Comment on a commission awaiting decision (residents and councillors); published after moderation."""

    permission_classes = [HasPermission]
    permission_required = "governance.comment_on_commissions"

    @extend_schema(request=CommentSerializer, responses={201: CommentSerializer, 400: ErrorSerializer})
    def post(self, request, pk: int):
        commission = get_object_or_404(selectors.commissions_public(), pk=pk)
        payload = CommentSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        comment = services.comment_add(user=request.user, commission_id=commission.pk, **payload.validated_data)
        return Response(CommentSerializer(comment).data, status=status.HTTP_201_CREATED)


# --- The decision log and the audit trail ---------------------------------------------------


class RecordedVoteSerializer(serializers.Serializer):
    councillor = serializers.CharField()
    choice = serializers.ChoiceField(choices=VoteChoice.choices)
    reasons = serializers.CharField()
    cast_at = serializers.DateTimeField()


class RecordedDeclarationSerializer(serializers.Serializer):
    councillor = serializers.CharField()
    has_interest = serializers.BooleanField()
    description = serializers.CharField(allow_blank=True)
    declared_at = serializers.DateTimeField()


class PublishedCommentSerializer(serializers.Serializer):
    author = serializers.CharField()
    body = serializers.CharField()
    created_at = serializers.DateTimeField()


class DecisionSerializer(serializers.ModelSerializer):
    commission = serializers.PrimaryKeyRelatedField(read_only=True)
    commission_title = serializers.CharField(source="commission.title", read_only=True)
    cycle = serializers.SlugRelatedField(source="commission.cycle", slug_field="slug", read_only=True)
    votes = RecordedVoteSerializer(many=True, read_only=True)
    declarations = RecordedDeclarationSerializer(many=True, read_only=True)
    comments = PublishedCommentSerializer(many=True, read_only=True, source="commission.published_comments")

    class Meta:
        model = Decision
        fields = [
            "id",
            "commission",
            "commission_title",
            "cycle",
            "decision_round",
            "result",
            "decided_at",
            "quorum",
            "explanation",
            "votes",
            "declarations",
            "comments",
        ]


class CommissionSummarySerializer(serializers.ModelSerializer):
    cycle = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = Commission
        fields = ["id", "cycle", "title", "description", "provider_type", "provider_name", "value", "status"]


class DecisionQueue(generics.ListAPIView):
    """Commissions awaiting the signed-in councillor's decision."""

    permission_classes = [HasPermission]
    permission_required = "governance.decide_commissions"
    serializer_class = CommissionSummarySerializer

    def get_queryset(self):
        return selectors.commissions_to_decide(self.request.user)


class DecisionLog(generics.ListAPIView):
    """The public decision log, newest first: what, who, when, why, the votes, the declarations. Read-only."""

    permission_classes = [HasPermission]
    permission_required = "governance.view_public_record"
    serializer_class = DecisionSerializer
    queryset = selectors.decision_log()


class DecisionDetail(generics.RetrieveAPIView):
    """One decision as taken. There is no way to change it."""

    permission_classes = [HasPermission]
    permission_required = "governance.view_public_record"
    serializer_class = DecisionSerializer
    queryset = selectors.decision_log()


class AuditEventSerializer(serializers.ModelSerializer):
    actor = serializers.StringRelatedField(read_only=True, allow_null=True, help_text="Null for the system itself.")
    object_type = serializers.SerializerMethodField(help_text="What kind of thing changed, as app.model.")
    context_type = serializers.SerializerMethodField(help_text="What it happened in (a cycle), as app.model.")

    def get_object_type(self, event) -> str:
        return f"{event.object_type.app_label}.{event.object_type.model}"

    def get_context_type(self, event) -> str | None:
        return f"{event.context_type.app_label}.{event.context_type.model}" if event.context_type else None

    class Meta:
        model = AuditEvent
        fields = [
            "id",
            "at",
            "actor",
            "object_type",
            "object_id",
            "object_repr",
            "context_type",
            "context_id",
            "action",
            "before",
            "after",
            "is_public",
        ]


class AuditTrail(generics.ListAPIView):
    """Every recorded state change, newest first (officers)."""

    permission_classes = [HasPermission]
    permission_required = "governance.view_audit_trail"
    serializer_class = AuditEventSerializer
    queryset = selectors.audit_trail()
