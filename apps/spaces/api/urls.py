"""URL routes of the spaces API (mounted under /api/v1/)."""

from django.urls import URLPattern, URLResolver, path

from apps.spaces.api import views

S = "spaces/<uuid:space_id>"

urlpatterns: list[URLPattern | URLResolver] = [
    path("spaces/", views.SpaceListApi.as_view(), name="space-list"),
    path(f"{S}/", views.SpaceDetailApi.as_view(), name="space-detail"),
    path(f"{S}/leave", views.SpaceLeaveApi.as_view(), name="space-leave"),
    path(f"{S}/audit/", views.SpaceAuditApi.as_view(), name="space-audit"),
    path(f"{S}/members/", views.MemberListApi.as_view(), name="space-member-list"),
    path(f"{S}/members/<uuid:user_id>", views.MemberDetailApi.as_view(), name="space-member-detail"),
    path(f"{S}/invitations", views.InvitationListApi.as_view(), name="space-invitation-list"),
    path(f"{S}/invitations/<uuid:invitation_id>", views.InvitationDetailApi.as_view(), name="space-invitation-detail"),
    path("invitations/<str:token>/accept", views.InvitationAcceptApi.as_view(), name="invitation-accept"),
    path(f"{S}/join-links", views.JoinLinkListApi.as_view(), name="space-join-link-list"),
    path(f"{S}/join-links/<uuid:link_id>", views.JoinLinkDetailApi.as_view(), name="space-join-link-detail"),
    path("join-links/accept", views.JoinLinkAcceptApi.as_view(), name="join-link-accept"),
    path(f"{S}/courses/", views.SharedCourseListApi.as_view(), name="space-course-list"),
    path(f"{S}/courses/<uuid:course_id>/", views.SharedCourseDetailApi.as_view(), name="space-course-detail"),
    path(
        f"{S}/courses/<uuid:course_id>/progress/", views.SharedCourseProgressApi.as_view(), name="space-course-progress"
    ),
    path(f"{S}/courses/<uuid:course_id>/modules/", views.SharedModuleCreateApi.as_view(), name="space-module-create"),
    path(f"{S}/modules/<uuid:module_id>/topics/", views.SharedTopicCreateApi.as_view(), name="space-topic-create"),
    path(f"{S}/topics/<uuid:topic_id>/", views.SharedTopicDetailApi.as_view(), name="space-topic-detail"),
    path(f"{S}/topics/<uuid:topic_id>/complete", views.SharedTopicCompleteApi.as_view(), name="space-topic-complete"),
    path(f"{S}/decks/", views.SharedDeckListApi.as_view(), name="space-deck-list"),
    path(f"{S}/decks/<uuid:deck_id>/", views.SharedDeckDetailApi.as_view(), name="space-deck-detail"),
    path(f"{S}/decks/<uuid:deck_id>/cards/", views.SharedCardListApi.as_view(), name="space-deck-cards"),
    path(f"{S}/decks/<uuid:deck_id>/due", views.SharedDueApi.as_view(), name="space-deck-due"),
    path(f"{S}/decks/<uuid:deck_id>/progress/", views.SharedDeckProgressApi.as_view(), name="space-deck-progress"),
    path(f"{S}/cards/<uuid:card_id>/", views.SharedCardDetailApi.as_view(), name="space-card-detail"),
    path(f"{S}/cards/<uuid:card_id>/review", views.SharedCardReviewApi.as_view(), name="space-card-review"),
    path(f"{S}/materials/", views.SharedMaterialListApi.as_view(), name="space-material-list"),
    path(f"{S}/materials/<uuid:material_id>/", views.SharedMaterialDetailApi.as_view(), name="space-material-detail"),
    path(
        f"{S}/materials/<uuid:material_id>/chunks/",
        views.SharedMaterialChunkListApi.as_view(),
        name="space-material-chunks",
    ),
]
