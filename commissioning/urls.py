from django.urls import path

from commissioning import officer_views, views

urlpatterns = [
    path("cycles/", views.cycle_list, name="cycle_list"),
    path("cycles/<slug:slug>/", views.cycle_detail, name="cycle_detail"),
    path("cycles/<slug:slug>/propose/", views.priority_propose, name="priority_propose"),
    path("cycles/<slug:slug>/vote/", views.ballot, name="ballot"),
    path("cycles/<slug:slug>/vote/done/", views.ballot_done, name="ballot_done"),
    path("cycles/<slug:slug>/results/", views.results, name="results"),
    path("cycles/<slug:slug>/ballots.pb", views.ballot_file, name="ballot_file"),
    path("cycles/<slug:slug>/follow/", views.follow, name="cycle_follow"),
    path("proposals/", views.my_proposals, name="my_proposals"),
    path("proposals/<int:pk>/edit/", views.priority_revise, name="priority_revise"),
    path("officer/cycles/", views.officer_cycle_list, name="officer_cycle_list"),
    path("officer/cycles/<slug:slug>/moderation/", views.moderation_queue, name="moderation_queue"),
    path("officer/cycles/new/", officer_views.cycle_start, name="cycle_start"),
    path("officer/cycles/<slug:slug>/", officer_views.cycle_manage, name="cycle_manage"),
    path("officer/cycles/<slug:slug>/set-up/<slug:step>/", officer_views.cycle_setup, name="cycle_setup"),
    path("officer/cycles/<slug:slug>/check/", officer_views.cycle_check, name="cycle_check"),
    path("officer/cycles/<slug:slug>/extend/", officer_views.cycle_extend, name="cycle_extend"),
    path("officer/cycles/<slug:slug>/close-voting/", officer_views.cycle_close_voting, name="cycle_close_voting"),
    path(
        "officer/cycles/<slug:slug>/publish-results/",
        officer_views.cycle_publish_results,
        name="cycle_publish_results",
    ),
    path("officer/cycles/<slug:slug>/archive/", officer_views.cycle_archive, name="cycle_archive"),
    path("cycles/<slug:slug>/results/large-print.pdf", views.results_print, name="results_print"),
    path("officer/cycles/<slug:slug>/offline-ballots/", views.offline_ballots, name="offline_ballots"),
    path("officer/cycles/<slug:slug>/assisted-ballot/", views.assisted_ballot, name="assisted_ballot"),
    path("officer/cycles/<slug:slug>/ballot-papers/", views.ballot_papers, name="ballot_papers"),
    path("officer/paper-batches/<int:pk>/", views.paper_batch, name="paper_batch"),
    path("officer/paper-batches/<int:pk>/check/", views.paper_batch_check, name="paper_batch_check"),
    path("officer/paper-entries/<int:pk>/discard/", views.paper_entry_discard, name="paper_entry_discard"),
]
