from django.urls import path

from notifications import views

urlpatterns = [
    path("notifications/", views.inbox, name="notification_inbox"),
    path("notifications/<int:pk>/", views.open_notice, name="notification_open"),
    path("notifications/read-all/", views.mark_all_read, name="notification_read_all"),
    path("notifications/preferences/", views.preferences, name="notification_preferences"),
    path("notifications/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
