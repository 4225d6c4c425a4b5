"""URL routes of the chat API and the learner's assistant usage (mounted under /api/v1/)."""

from django.urls import path

from apps.assistant.api import views

urlpatterns = [
    path("chat/conversations/", views.ConversationListApi.as_view(), name="chat-conversations"),
    path("chat/conversations/<uuid:pk>/", views.ConversationDetailApi.as_view(), name="chat-conversation"),
    path("chat/conversations/<uuid:pk>/messages/", views.MessageListApi.as_view(), name="chat-messages"),
    path("chat/actions/<uuid:pk>/confirm", views.ActionConfirmApi.as_view(), name="chat-action-confirm"),
    path("chat/actions/<uuid:pk>/reject", views.ActionRejectApi.as_view(), name="chat-action-reject"),
    path("chat/actions/<uuid:pk>/undo", views.ActionUndoApi.as_view(), name="chat-action-undo"),
    path("users/me/usage", views.MyUsageApi.as_view(), name="users-me-usage"),
]
