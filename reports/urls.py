from django.urls import path

from reports import views

urlpatterns = [
    path("officer/reports/", views.report_list, name="report_list"),
    path("officer/reports/request/", views.report_request, name="report_request"),
    path("officer/reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("officer/reports/<int:pk>/<str:part>/", views.report_download, name="report_download"),
]
