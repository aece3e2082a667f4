"""Governance endpoints under /api/v1/. Every view declares its permission; see accounts/api.py."""

from django.urls import path

from governance import api

urlpatterns = [
    path("cycles/<int:pk>/involvement/", api.InvolvementList.as_view(), name="api-involvement-list"),
    path("cycles/<int:pk>/involvement/new/", api.InvolvementRecord.as_view(), name="api-involvement-record"),
    path("cycles/<int:pk>/timeline/", api.CycleTimeline.as_view(), name="api-cycle-timeline"),
    path("cycles/<int:pk>/advance/", api.CycleAdvance.as_view(), name="api-cycle-advance"),
    path("commissions/", api.CommissionList.as_view(), name="api-commission-list"),
    path("commissions/awaiting-decision/", api.DecisionQueue.as_view(), name="api-decision-queue"),
    path("commissions/draft/", api.CommissionDraft.as_view(), name="api-commission-draft"),
    path("commissions/<int:pk>/", api.CommissionDetail.as_view(), name="api-commission-detail"),
    path(
        "commissions/<int:pk>/equality-assessment/",
        api.CommissionEqualityAssessment.as_view(),
        name="api-commission-equality",
    ),
    path("commissions/<int:pk>/submit/", api.CommissionSubmit.as_view(), name="api-commission-submit"),
    path("commissions/<int:pk>/declaration/", api.CommissionDeclare.as_view(), name="api-commission-declare"),
    path("commissions/<int:pk>/vote/", api.CommissionVoteCast.as_view(), name="api-commission-vote"),
    path("commissions/<int:pk>/comments/", api.CommissionComment.as_view(), name="api-commission-comment"),
    path("decisions/", api.DecisionLog.as_view(), name="api-decision-log"),
    path("decisions/<int:pk>/", api.DecisionDetail.as_view(), name="api-decision-detail"),
    path("audit/", api.AuditTrail.as_view(), name="api-audit-trail"),
]
