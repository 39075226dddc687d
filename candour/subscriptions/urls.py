from django.urls import path

from candour.subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("account/subscriptions/", views.page, name="page"),
    path("account/subscriptions/follow/", views.follow, name="follow"),
    path("account/subscriptions/unfollow/", views.unfollow, name="unfollow"),
    path("account/subscriptions/frequency/", views.frequency, name="frequency"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("unsubscribe/<str:token>/one-click/", views.one_click, name="one-click"),
]
