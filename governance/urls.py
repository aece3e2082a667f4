from django.urls import path

from governance import views

urlpatterns = [
    path("cycles/<slug:slug>/involvement/", views.involvement_log, name="involvement_log"),
    path("commissions/", views.commission_public_list, name="commission_public_list"),
    path("commissions/<int:pk>/", views.commission_public, name="commission_public"),
    path("commissions/<int:pk>/comment/", views.commission_comment, name="commission_comment"),
    path("evidence/<int:pk>/document/", views.evidence_document, name="evidence_document"),
    path("decisions/", views.decision_log, name="decision_log"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
    path("officer/governance/", views.governance_cycles, name="governance_cycles"),
    path("officer/cycles/<slug:slug>/governance/", views.cycle_governance, name="cycle_governance"),
    path("officer/cycles/<slug:slug>/involvement/new/", views.involvement_new, name="involvement_new"),
    path("officer/cycles/<slug:slug>/evidence/new/", views.evidence_new, name="evidence_new"),
    path("officer/cycles/<slug:slug>/evaluations/new/", views.evaluation_new, name="evaluation_new"),
    path("officer/cycles/<slug:slug>/commissions/new/", views.commission_new, name="commission_new"),
    path("officer/commissions/<int:pk>/", views.commission_manage, name="commission_manage"),
    path("officer/commissions/<int:pk>/edit/", views.commission_edit, name="commission_edit"),
    path("officer/commissions/<int:pk>/equality/", views.equality_assessment, name="equality_assessment"),
    path("officer/comments/", views.comment_queue, name="comment_queue"),
    path("officer/audit/", views.audit_trail, name="audit_trail"),
    path("councillor/commissions/", views.councillor_commissions, name="councillor_commissions"),
    path("councillor/commissions/<int:pk>/", views.commission_decide, name="commission_decide"),
    path("councillor/commissions/<int:pk>/sign-off/", views.commission_sign_off, name="commission_sign_off"),
]
