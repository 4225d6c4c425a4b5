"""URL routes of the review API (mounted under /api/v1/)."""

from django.urls import URLPattern, URLResolver, path

from apps.review.api import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("decks/", views.DeckListApi.as_view(), name="deck-list"),
    path("decks/generate", views.DeckGenerateApi.as_view(), name="deck-generate"),
    path("decks/<uuid:deck_id>/", views.DeckDetailApi.as_view(), name="deck-detail"),
    path("decks/<uuid:deck_id>/import", views.DeckImportApi.as_view(), name="deck-import"),
    path("decks/<uuid:deck_id>/export", views.DeckExportApi.as_view(), name="deck-export"),
    path("cards/", views.CardListApi.as_view(), name="card-list"),
    path("cards/bulk", views.CardBulkCreateApi.as_view(), name="card-bulk-create"),
    path("cards/due", views.CardDueApi.as_view(), name="card-due"),
    path("cards/<uuid:card_id>/", views.CardDetailApi.as_view(), name="card-detail"),
    path("cards/<uuid:card_id>/review", views.CardReviewApi.as_view(), name="card-review"),
    path("cards/<uuid:card_id>/undo-review", views.CardUndoReviewApi.as_view(), name="card-undo-review"),
    path("quizzes/", views.QuizListApi.as_view(), name="quiz-list"),
    path("quizzes/generate", views.QuizGenerateApi.as_view(), name="quiz-generate"),
    path("quizzes/<uuid:quiz_id>/", views.QuizDetailApi.as_view(), name="quiz-detail"),
    path("quizzes/<uuid:quiz_id>/attempts", views.QuizAttemptApi.as_view(), name="quiz-attempts"),
    path("today", views.TodayApi.as_view(), name="today"),
    path("achievements/", views.AchievementListApi.as_view(), name="achievement-list"),
    path("exams/", views.ExamListApi.as_view(), name="exam-list"),
    path("exams/<uuid:exam_id>/", views.ExamDetailApi.as_view(), name="exam-detail"),
    path("exams/<uuid:exam_id>/readiness", views.ExamReadinessApi.as_view(), name="exam-readiness"),
    path("exams/<uuid:exam_id>/plan", views.ExamPlanApi.as_view(), name="exam-plan"),
    path("review/parameters", views.ParametersApi.as_view(), name="review-parameters"),
]
