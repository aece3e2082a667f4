from django.urls import path

from questions import views

urlpatterns = [
    path("questions/", views.question_list, name="question_list"),
    path("questions/<int:pk>/", views.question_detail, name="question_detail"),
    path("questions/ask/", views.question_choose, name="question_choose"),
    path("questions/ask/<str:kind>/<int:subject_id>/", views.question_ask, name="question_ask"),
    path("questions/mine/", views.my_questions, name="my_questions"),
    path("officer/questions/", views.question_queue, name="question_queue"),
    path("officer/questions/<int:pk>/", views.question_handle, name="question_handle"),
]
