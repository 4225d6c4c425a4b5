"""URL routes of the learning API (mounted under /api/v1/)."""

from django.urls import URLPattern, URLResolver, path

from apps.learning.api import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("courses/", views.CourseListApi.as_view(), name="course-list"),
    path("courses/<uuid:course_id>/", views.CourseDetailApi.as_view(), name="course-detail"),
    path("courses/<uuid:course_id>/archive", views.CourseArchiveApi.as_view(), name="course-archive"),
    path("courses/<uuid:course_id>/unarchive", views.CourseUnarchiveApi.as_view(), name="course-unarchive"),
    path("courses/<uuid:course_id>/reorder", views.CourseReorderApi.as_view(), name="course-reorder"),
    path("courses/<uuid:course_id>/modules/", views.CourseModuleCreateApi.as_view(), name="course-module-create"),
    path("modules/<uuid:module_id>/", views.ModuleDetailApi.as_view(), name="module-detail"),
    path("modules/<uuid:module_id>/topics/", views.ModuleTopicCreateApi.as_view(), name="module-topic-create"),
    path("topics/<uuid:topic_id>/", views.TopicDetailApi.as_view(), name="topic-detail"),
    path("topics/<uuid:topic_id>/complete", views.TopicCompleteApi.as_view(), name="topic-complete"),
    path("notes/", views.NoteListApi.as_view(), name="note-list"),
    path("notes/<uuid:note_id>/", views.NoteDetailApi.as_view(), name="note-detail"),
    path("resources/", views.ResourceListApi.as_view(), name="resource-list"),
    path("resources/saved/", views.SavedResourceListApi.as_view(), name="saved-resource-list"),
    path("resources/saved/<uuid:saved_id>/", views.SavedResourceDetailApi.as_view(), name="saved-resource-detail"),
    path("search/semantic", views.SemanticSearchApi.as_view(), name="semantic-search"),
    path("resources/recommendations/", views.ResourceRecommendationsApi.as_view(), name="resource-recommendations"),
]
