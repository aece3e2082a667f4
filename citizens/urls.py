from django.urls import path

from citizens import views

urlpatterns = [
    path("language/<str:code>/", views.language_choose, name="language_choose"),
    path("profile/", views.profile_edit, name="profile_edit"),
    path("cooperatives/", views.cooperative_list, name="cooperative_list"),
    path("cooperatives/<slug:slug>/", views.cooperative_detail, name="cooperative_detail"),
    path("cooperatives/<slug:slug>/apply/", views.cooperative_apply, name="cooperative_apply"),
    path("officer/memberships/", views.membership_queue, name="membership_queue"),
    path("officer/wards/", views.ward_figures, name="ward_figures"),
    path("officer/memberships/<int:pk>/decide/", views.membership_decide, name="membership_decide"),
]
