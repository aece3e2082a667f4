from django.urls import path

from verification import views

urlpatterns = [
    path("verify/", views.start, name="verification_start"),
    path("verify/register/", views.register_match, name="verification_register"),
    path("verify/code/", views.code_redeem, name="verification_code"),
    path("officer/verification/", views.officer_overview, name="verification_officer"),
    path("officer/verification/register/", views.register_upload, name="verification_register_upload"),
    path("officer/verification/codes/", views.code_batch, name="verification_code_batch"),
    path("officer/verification/codes/<int:pk>/", views.letter_run, name="verification_letter_run"),
    path(
        "officer/verification/codes/<int:pk>/letters/<int:part>/",
        views.letter_run_download,
        name="verification_letter_run_download",
    ),
    path(
        "officer/verification/codes/<int:pk>/<slug:action>/",
        views.letter_run_action,
        name="verification_letter_run_action",
    ),
    path("officer/verification/in-person/", views.in_person, name="verification_in_person"),
    path("officer/verification/no-email/", views.register_without_email, name="verification_register_without_email"),
    path(
        "officer/verification/no-email/<int:pk>/",
        views.registered_without_email,
        name="verification_registered_without_email",
    ),
    path("officer/verification/conflicts/<int:pk>/review/", views.conflict_review, name="verification_conflict_review"),
]
