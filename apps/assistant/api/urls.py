"""URL routes of the chat API, the generation jobs and the learner's usage (mounted under /api/v1/)."""

from django.urls import path

from apps.assistant.api import generation, views

urlpatterns = [
    path("chat/conversations/", views.ConversationListApi.as_view(), name="chat-conversations"),
    path("chat/conversations/<uuid:pk>/", views.ConversationDetailApi.as_view(), name="chat-conversation"),
    path("chat/conversations/<uuid:pk>/messages/", views.MessageListApi.as_view(), name="chat-messages"),
    path("chat/actions/<uuid:pk>/confirm", views.ActionConfirmApi.as_view(), name="chat-action-confirm"),
    path("chat/actions/<uuid:pk>/reject", views.ActionRejectApi.as_view(), name="chat-action-reject"),
    path("chat/actions/<uuid:pk>/undo", views.ActionUndoApi.as_view(), name="chat-action-undo"),
    path("assistant/memory/", views.MemoryListApi.as_view(), name="assistant-memory"),
    path("assistant/memory/<uuid:pk>/", views.MemoryDetailApi.as_view(), name="assistant-memory-fact"),
    path("courses/generate", generation.CourseGenerateApi.as_view(), name="course-generate"),
    path("schedule/generate", generation.ScheduleGenerateApi.as_view(), name="schedule-generate"),
    path("schedule/generate/<uuid:job_id>/confirm", generation.ScheduleConfirmApi.as_view(), name="schedule-confirm"),
    path("notes/<uuid:note_id>/summary", generation.NoteSummaryApi.as_view(), name="note-summary"),
    path("users/me/usage", views.MyUsageApi.as_view(), name="users-me-usage"),
]
