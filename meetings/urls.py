from django.urls import path

from meetings import views

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/calendar.ics", views.meeting_calendar, name="meeting_calendar"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("officer/meetings/", views.clerk_meetings, name="clerk_meetings"),
    path("officer/meetings/new/", views.meeting_new, name="meeting_new"),
    path("officer/meetings/<int:pk>/", views.meeting_manage, name="meeting_manage"),
]
