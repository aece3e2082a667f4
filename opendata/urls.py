from django.urls import path

from opendata import views

urlpatterns = [
    path("data/", views.data_page, name="data_page"),
    path("data/<slug:name>.<str:fmt>", views.dataset_download, name="dataset_download"),
    path("data/ocds/releases.json", views.ocds_releases, name="ocds_releases"),
    path("data/ocds/records.json", views.ocds_records, name="ocds_records"),
    path("data/ocds/commissions/<int:pk>.json", views.ocds_commission_record, name="ocds_commission_record"),
    path("outcomes/", views.outcome_list, name="outcome_list"),
    path("outcomes/<slug:slug>/", views.outcome_detail, name="outcome_detail"),
    path("commissions/<int:pk>/outcomes/", views.commission_outcomes, name="commission_outcomes"),
    path("cycles/<slug:slug>/reach/", views.cycle_reach, name="cycle_reach"),
]
