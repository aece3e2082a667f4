from django.urls import path

from dashboards import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("your-data/", views.your_data, name="your_data"),
    path("your-data.json", views.your_data_json, name="your_data_json"),
    path("your-data/close-account/", views.account_close, name="account_close"),
    path("privacy/", views.privacy_notice, name="privacy_notice"),
    path("accessibility/", views.accessibility_statement, name="accessibility_statement"),
]
