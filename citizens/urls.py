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
    path("officer/memberships/decide/", views.membership_bulk, name="membership_bulk"),
    path("officer/cooperatives/<slug:slug>/members/", views.cooperative_roster, name="cooperative_roster"),
    path("officer/cooperatives/<slug:slug>/members.csv", views.cooperative_roster_csv, name="cooperative_roster_csv"),
    path("officer/cooperatives/<slug:slug>/board/", views.cooperative_board, name="cooperative_board"),
    path("cooperatives/<slug:slug>/renew/", views.membership_renew, name="membership_renew"),
    path("cooperatives/<slug:slug>/leave/", views.membership_leave, name="membership_leave"),
]
