from django.urls import path

from candour.voice import views
from candour.voice.moderation import views as moderation_views
from candour.voice.results import views as results_views
from candour.voice.setup import views as setup_views

app_name = "voice"

urlpatterns = [
    path("learning/feedback/", moderation_views.queue, name="moderation-queue"),
    path("learning/feedback/<int:pk>/", moderation_views.feedback_detail, name="moderate"),
    path("learning/feedback/<int:pk>/publish/", moderation_views.publish, name="publish"),
    path("learning/feedback/<int:pk>/hide/", moderation_views.hide, name="hide"),
    path("learning/feedback/<int:pk>/themes/", moderation_views.set_themes, name="set-themes"),
    path("learning/feedback/<int:pk>/themes/add/", moderation_views.add_theme, name="add-theme"),
    path("learning/feedback/<int:pk>/answer/", moderation_views.answer, name="answer"),
    path("learning/feedback/themes/", moderation_views.theme_list, name="themes"),
    path("learning/feedback/themes/<int:pk>/", moderation_views.theme_detail, name="theme"),
    path(
        "learning/feedback/themes/<int:pk>/rename/",
        moderation_views.rename_theme,
        name="theme-rename",
    ),
    path(
        "learning/feedback/themes/<int:pk>/merge/",
        moderation_views.merge_theme,
        name="theme-merge",
    ),
    path(
        "learning/feedback/themes/<int:pk>/retire/",
        moderation_views.retire_theme,
        name="theme-retire",
    ),
    # Before feedback/<token>/, which would otherwise take "results" for a token.
    path("feedback/results/", results_views.results, name="results"),
    path("feedback/you-said-we-did/", moderation_views.you_said, name="you-said-we-did"),
    path("feedback/published/", moderation_views.published, name="published"),
    path("feedback/<str:token>/", views.start, name="start"),
    path("feedback/<str:token>/check/", views.check, name="check"),
    path("feedback/<str:token>/thank-you/", views.thanks, name="thanks"),
    # Before the questions, which would otherwise take "you-said" for a question.
    path("feedback/<str:token>/you-said/", views.you_said, name="link-you-said"),
    path("feedback/<str:token>/your-reply/", views.your_reply, name="your-reply"),
    path("feedback/<str:token>/what-happens/", views.easy_read, name="easy-read"),
    path("feedback/<str:token>/<slug:key>/", views.question, name="question"),
    path("safeguarding/acknowledge/<str:secret>/", views.acknowledge, name="acknowledge"),
    path("safeguarding/burst/<str:secret>/", views.burst_acknowledge, name="burst"),
    path("safeguarding/alerts/", views.alert_list, name="alerts"),
    path("safeguarding/alerts/<int:pk>/", views.alert_detail, name="alert"),
    path(
        "organisation/<slug:slug>/safeguarding-contact/",
        setup_views.duty_contact,
        name="duty-contact",
    ),
    path("organisation/<slug:slug>/feedback-links/", setup_views.links, name="links"),
    path("organisation/<slug:slug>/feedback-links/add/", setup_views.add_link, name="add-link"),
    path("organisation/<slug:slug>/feedback-links/<int:pk>/", setup_views.link, name="link"),
    path(
        "organisation/<slug:slug>/feedback-links/<int:pk>/qr.svg",
        setup_views.link_qr,
        name="link-qr",
    ),
    path(
        "organisation/<slug:slug>/feedback-links/<int:pk>/deactivate/",
        setup_views.deactivate_link,
        name="deactivate-link",
    ),
]
