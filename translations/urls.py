from django.urls import path

from translations import views

urlpatterns = [
    path("translate/", views.languages, name="translation_languages"),
    path("translate/<str:language>/", views.entries, name="translation_entries"),
    path("translate/<str:language>/<str:key>/", views.entry, name="translation_entry"),
    path("translate/<str:language>/<str:key>/withdraw/", views.withdraw, name="translation_withdraw"),
]
