"""URL routes of the voice API (mounted under /api/v1/)."""

from django.urls import path

from apps.voice.api import views

urlpatterns = [
    path("voice/transcribe", views.TranscribeApi.as_view(), name="voice-transcribe"),
    path("voice/speak", views.SpeakApi.as_view(), name="voice-speak"),
    path("chat/voice", views.ChatVoiceApi.as_view(), name="chat-voice"),
]
