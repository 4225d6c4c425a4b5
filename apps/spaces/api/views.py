"""Spaces API views: thin, one class per resource path; the policy (via selectors and services) decides access."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.accounts.api.current import current_user
from apps.accounts.permissions import IsAuthenticated
from apps.learning.api import serializers as learning_s
from apps.materials.api.serializers import MaterialChunkOutputSerializer, MaterialOutputSerializer
from apps.spaces import selectors, services
from apps.spaces.api import serializers as s
from apps.spaces.policy import Action
from apps.spaces.selectors import SharedOutline
from maigie.api import paginated_response, query_filters, validated
from maigie.openapi import UNSAFE_METHODS, errors
from maigie.pagination import PageNumberPagination
from maigie.preconditions import IfMatchMixin

SPACES = ["spaces"]


class SpaceRole(permissions.BasePermission):
    """Signed in (401 otherwise); inside, the space's policy answers 404 to non-members and 403 to a too-low role."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return IsAuthenticated().has_permission(request, view)


class SpaceApi(APIView):
    """A view acting inside one space: declares 403 (role) and 404 (non-member) in the schema."""

    permission_classes = [SpaceRole]

    def member(self, request: Request, space_id: UUID, action: Action = Action.READ) -> Any:
        return selectors.space_membership(user=current_user(request), space_id=space_id, action=action)


# --- spaces ----------------------------------------------------------------------------------


class SpaceListApi(APIView):
    """The spaces the caller belongs to; create one (the caller becomes its owner)."""

    plan_limited_methods = ("POST",)

    @extend_schema(parameters=[s.SpaceListFilterSerializer], responses=s.SpaceOutputSerializer(many=True), tags=SPACES)
    def get(self, request: Request) -> Response:
        filters = query_filters(s.SpaceListFilterSerializer, request)
        queryset = selectors.space_list(user=current_user(request), **filters)
        return paginated_response(request, queryset, s.SpaceOutputSerializer, view=self)

    @extend_schema(request=s.SpaceCreateInputSerializer, responses={201: s.SpaceOutputSerializer}, tags=SPACES)
    def post(self, request: Request) -> Response:
        user = current_user(request)
        space = services.space_create(user=user, **validated(s.SpaceCreateInputSerializer, request.data))
        membership = selectors.space_membership(user=user, space_id=space.pk)
        return Response(
            s.SpaceOutputSerializer(selectors.space_detail(membership=membership)).data, status=status.HTTP_201_CREATED
        )


class SpaceDetailApi(IfMatchMixin, SpaceApi):
    """Read a space (members); rename it (admins, owners); delete it (owners)."""

    @extend_schema(responses=s.SpaceOutputSerializer, tags=SPACES)
    def get(self, request: Request, space_id: UUID) -> Response:
        return Response(s.SpaceOutputSerializer(selectors.space_detail(membership=self.member(request, space_id))).data)

    @extend_schema(request=s.SpaceUpdateInputSerializer, responses=s.SpaceOutputSerializer, tags=SPACES)
    def patch(self, request: Request, space_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.UPDATE_SPACE)
        services.space_update(actor=membership, data=validated(s.SpaceUpdateInputSerializer, request.data))
        return Response(s.SpaceOutputSerializer(selectors.space_detail(membership=membership)).data)

    @extend_schema(responses={204: None}, tags=SPACES)
    def delete(self, request: Request, space_id: UUID) -> Response:
        services.space_delete(actor=self.member(request, space_id, Action.DELETE_SPACE))
        return Response(status=status.HTTP_204_NO_CONTENT)


class SpaceLeaveApi(SpaceApi):
    """Leave the space (409 ``last_owner`` for its only owner)."""

    @extend_schema(request=None, responses={204: None}, tags=SPACES)
    def post(self, request: Request, space_id: UUID) -> Response:
        services.space_leave(membership=self.member(request, space_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class SpaceAuditApi(SpaceApi):
    """Membership, role and content changes in the space, newest first (admins, owners)."""

    @extend_schema(responses=s.AuditEntryOutputSerializer(many=True), tags=SPACES)
    def get(self, request: Request, space_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.MANAGE_MEMBERS)
        return paginated_response(
            request, selectors.audit_list(membership=membership), s.AuditEntryOutputSerializer, view=self
        )


# --- members ---------------------------------------------------------------------------------


class MemberListApi(SpaceApi):
    """The space's members with their roles."""

    @extend_schema(
        parameters=[s.MemberListFilterSerializer], responses=s.MemberOutputSerializer(many=True), tags=SPACES
    )
    def get(self, request: Request, space_id: UUID) -> Response:
        membership = self.member(request, space_id)
        queryset = selectors.member_list(membership=membership, **query_filters(s.MemberListFilterSerializer, request))
        return paginated_response(request, queryset, s.MemberOutputSerializer, view=self)


class MemberDetailApi(SpaceApi):
    """Change a member's role or remove them, as the policy allows."""

    @extend_schema(request=s.MemberUpdateInputSerializer, responses=s.MemberOutputSerializer, tags=SPACES)
    def patch(self, request: Request, space_id: UUID, user_id: UUID) -> Response:
        membership = self.member(request, space_id)
        target = selectors.member_get(membership=membership, user_id=user_id)
        role = validated(s.MemberUpdateInputSerializer, request.data)["role"]
        target = services.member_role_change(actor=membership, target=target, role=role)
        return Response(s.MemberOutputSerializer(target).data)

    @extend_schema(responses={204: None}, tags=SPACES)
    def delete(self, request: Request, space_id: UUID, user_id: UUID) -> Response:
        membership = self.member(request, space_id)
        services.member_remove(actor=membership, target=selectors.member_get(membership=membership, user_id=user_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


# --- invitations and join links ----------------------------------------------------------------


class InvitationListApi(SpaceApi):
    """The space's invitations; invite someone by e-mail (the answer carries the token and link, once)."""

    plan_limited_methods = ("POST",)

    @extend_schema(
        parameters=[s.InvitationListFilterSerializer], responses=s.InvitationOutputSerializer(many=True), tags=SPACES
    )
    def get(self, request: Request, space_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.INVITE)
        filters = query_filters(s.InvitationListFilterSerializer, request)
        return paginated_response(
            request,
            selectors.invitation_list(membership=membership, **filters),
            s.InvitationOutputSerializer,
            view=self,
        )

    @extend_schema(
        request=s.InvitationCreateInputSerializer, responses={201: s.InvitationCreatedOutputSerializer}, tags=SPACES
    )
    def post(self, request: Request, space_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.INVITE)
        invitation, token = services.invitation_create(
            actor=membership, **validated(s.InvitationCreateInputSerializer, request.data)
        )
        data = {**s.InvitationOutputSerializer(invitation).data, "token": token, "url": services.invitation_url(token)}
        return Response(data, status=status.HTTP_201_CREATED)


class InvitationDetailApi(SpaceApi):
    """Revoke an invitation (idempotent)."""

    @extend_schema(responses={204: None}, tags=SPACES)
    def delete(self, request: Request, space_id: UUID, invitation_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.INVITE)
        invitation = selectors.invitation_get(membership=membership, pk=invitation_id)
        services.invitation_revoke(actor=membership, invitation=invitation)
        return Response(status=status.HTTP_204_NO_CONTENT)


class InvitationAcceptApi(APIView):
    """Accept an invitation sent to the caller's e-mail (404 for anyone else; 409 used, revoked or expired)."""

    plan_limited_methods = ("POST",)

    @extend_schema(request=None, responses={201: s.MembershipOutputSerializer}, tags=SPACES)
    def post(self, request: Request, token: str) -> Response:
        membership = services.invitation_accept(user=current_user(request), token=token)
        return Response(s.MembershipOutputSerializer(membership).data, status=status.HTTP_201_CREATED)


class JoinLinkListApi(SpaceApi):
    """The space's join links; create one (the answer carries the token and link, once)."""

    @extend_schema(responses=s.JoinLinkOutputSerializer(many=True), tags=SPACES)
    def get(self, request: Request, space_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.INVITE)
        return paginated_response(
            request, selectors.join_link_list(membership=membership), s.JoinLinkOutputSerializer, view=self
        )

    @extend_schema(
        request=s.JoinLinkCreateInputSerializer, responses={201: s.JoinLinkCreatedOutputSerializer}, tags=SPACES
    )
    def post(self, request: Request, space_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.INVITE)
        link, token = services.join_link_create(
            actor=membership, **validated(s.JoinLinkCreateInputSerializer, request.data)
        )
        data = {**s.JoinLinkOutputSerializer(link).data, "token": token, "url": services.join_link_url(token)}
        return Response(data, status=status.HTTP_201_CREATED)


class JoinLinkDetailApi(SpaceApi):
    """Revoke a join link (idempotent)."""

    @extend_schema(responses={204: None}, tags=SPACES)
    def delete(self, request: Request, space_id: UUID, link_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.INVITE)
        services.join_link_revoke(actor=membership, link=selectors.join_link_get(membership=membership, pk=link_id))
        return Response(status=status.HTTP_204_NO_CONTENT)


class JoinLinkAcceptApi(APIView):
    """Join a space with a link's token (404 unknown, revoked or expired; 409 already a member)."""

    plan_limited_methods = ("POST",)

    @extend_schema(
        request=s.JoinLinkAcceptInputSerializer,
        responses={201: s.MembershipOutputSerializer, **errors(404)},  # an unknown, revoked or expired link
        tags=SPACES,
    )
    def post(self, request: Request) -> Response:
        token = validated(s.JoinLinkAcceptInputSerializer, request.data)["token"]
        membership = services.join_link_accept(user=current_user(request), token=token)
        return Response(s.MembershipOutputSerializer(membership).data, status=status.HTTP_201_CREATED)


# --- shared courses --------------------------------------------------------------------------


def _outline_data(outline: SharedOutline, space_id: UUID) -> dict[str, Any]:
    course = outline.course
    return {
        "id": course.pk,
        "space_id": space_id,
        "owner_id": course.user_id,
        "title": course.title,
        "description": course.description,
        "difficulty": course.difficulty,
        "progress": outline.progress,
        "modules": [
            {
                "id": module.pk,
                "title": module.title,
                "order": module.order,
                "description": module.description,
                "topics": [
                    {
                        "id": topic.pk,
                        "module_id": module.pk,
                        "title": topic.title,
                        "order": topic.order,
                        "content": topic.content,
                        "estimated_hours": topic.estimated_hours,
                        "completed": topic.pk in outline.completed,
                    }
                    for topic in module.topics.all()
                ],
            }
            for module in course.modules.all()
        ],
    }


class SharedCourseListApi(SpaceApi):
    """The courses shared in the space; share one of the caller's own courses."""

    @extend_schema(responses=s.SharedCourseOutputSerializer(many=True), tags=SPACES)
    def get(self, request: Request, space_id: UUID) -> Response:
        membership = self.member(request, space_id)
        return paginated_response(
            request, selectors.shared_course_list(membership=membership), s.SharedCourseOutputSerializer, view=self
        )

    @extend_schema(request=s.CourseShareInputSerializer, responses={201: s.SharedCourseOutputSerializer}, tags=SPACES)
    def post(self, request: Request, space_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.SHARE_COURSE)
        course_id = validated(s.CourseShareInputSerializer, request.data)["course_id"]
        shared = services.course_share(actor=membership, course_id=course_id)
        shared = selectors.shared_course_get(membership=membership, course_id=shared.course_id)
        return Response(s.SharedCourseOutputSerializer(shared).data, status=status.HTTP_201_CREATED)


class SharedCourseDetailApi(IfMatchMixin, SpaceApi):
    """A shared course's outline with the caller's own progress; unshare it (its sharer, admins, owners)."""

    @extend_schema(responses=s.SharedOutlineOutputSerializer, tags=SPACES)
    def get(self, request: Request, space_id: UUID, course_id: UUID) -> Response:
        outline = selectors.shared_course_outline(membership=self.member(request, space_id), course_id=course_id)
        return Response(s.SharedOutlineOutputSerializer(_outline_data(outline, space_id)).data)

    @extend_schema(responses={204: None}, tags=SPACES)
    def delete(self, request: Request, space_id: UUID, course_id: UUID) -> Response:
        membership = self.member(request, space_id)
        shared = selectors.shared_course_get(membership=membership, course_id=course_id)
        services.course_unshare(actor=membership, shared=shared)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SharedCourseProgressApi(SpaceApi):
    """Each member's progress on a shared course (admins, owners)."""

    @extend_schema(responses=s.MemberProgressOutputSerializer(many=True), tags=SPACES)
    def get(self, request: Request, space_id: UUID, course_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.VIEW_PROGRESS)
        selectors.shared_course_get(membership=membership, course_id=course_id)
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(selectors.member_list(membership=membership), request, view=self)
        rows = selectors.progress_table(membership=membership, course_id=course_id, page=list(page or []))
        return paginator.get_paginated_response(s.MemberProgressOutputSerializer(rows, many=True).data)


class SharedModuleCreateApi(SpaceApi):
    """Add a module to a shared course (admins, owners)."""

    plan_limited_methods = UNSAFE_METHODS

    @extend_schema(
        request=learning_s.ModuleCreateInputSerializer, responses={201: learning_s.ModuleOutputSerializer}, tags=SPACES
    )
    def post(self, request: Request, space_id: UUID, course_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.EDIT_OUTLINE)
        shared = selectors.shared_course_get(membership=membership, course_id=course_id)
        module = services.shared_module_create(
            actor=membership, course=shared.course, **validated(learning_s.ModuleCreateInputSerializer, request.data)
        )
        return Response(learning_s.ModuleOutputSerializer(module).data, status=status.HTTP_201_CREATED)


class SharedTopicCreateApi(SpaceApi):
    """Add a topic to a module of a shared course (admins, owners)."""

    plan_limited_methods = UNSAFE_METHODS

    @extend_schema(
        request=learning_s.TopicCreateInputSerializer, responses={201: learning_s.TopicOutputSerializer}, tags=SPACES
    )
    def post(self, request: Request, space_id: UUID, module_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.EDIT_OUTLINE)
        module = selectors.shared_module_get(membership=membership, module_id=module_id)
        topic = services.shared_topic_create(
            actor=membership, module=module, **validated(learning_s.TopicCreateInputSerializer, request.data)
        )
        return Response(learning_s.TopicOutputSerializer(topic).data, status=status.HTTP_201_CREATED)


class SharedTopicDetailApi(SpaceApi):
    """Change or delete a topic of a shared course (admins, owners)."""

    plan_limited_methods = UNSAFE_METHODS

    @extend_schema(
        request=learning_s.TopicUpdateInputSerializer, responses=learning_s.TopicOutputSerializer, tags=SPACES
    )
    def patch(self, request: Request, space_id: UUID, topic_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.EDIT_OUTLINE)
        topic = selectors.shared_topic_get(membership=membership, topic_id=topic_id)
        data = validated(learning_s.TopicUpdateInputSerializer, request.data)
        topic = services.shared_topic_update(actor=membership, topic=topic, data=data)
        return Response(learning_s.TopicOutputSerializer(topic).data)

    @extend_schema(responses={204: None}, tags=SPACES)
    def delete(self, request: Request, space_id: UUID, topic_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.EDIT_OUTLINE)
        topic = selectors.shared_topic_get(membership=membership, topic_id=topic_id)
        services.shared_topic_delete(actor=membership, topic=topic)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SharedTopicCompleteApi(SpaceApi):
    """Mark a topic of a shared course done or not, for the caller only (members and up)."""

    plan_limited_methods = UNSAFE_METHODS

    @extend_schema(
        request=learning_s.TopicCompleteInputSerializer, responses=s.SharedTopicCompleteOutputSerializer, tags=SPACES
    )
    def post(self, request: Request, space_id: UUID, topic_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.STUDY)
        topic = selectors.shared_topic_get(membership=membership, topic_id=topic_id)
        completed = validated(learning_s.TopicCompleteInputSerializer, request.data)["completed"]
        progress = services.shared_topic_complete(actor=membership, topic=topic, completed=completed)
        data = {"topic_id": topic.pk, "completed": completed, "course_id": topic.module.course_id, "progress": progress}
        return Response(s.SharedTopicCompleteOutputSerializer(data).data)


# --- shared decks ----------------------------------------------------------------------------


class SharedDeckListApi(SpaceApi):
    """The decks shared in the space; share one of the caller's own decks (admins, owners)."""

    @extend_schema(responses=s.SharedDeckOutputSerializer(many=True), tags=SPACES)
    def get(self, request: Request, space_id: UUID) -> Response:
        membership = self.member(request, space_id)
        return paginated_response(
            request, selectors.shared_deck_list(membership=membership), s.SharedDeckOutputSerializer, view=self
        )

    @extend_schema(request=s.DeckShareInputSerializer, responses={201: s.SharedDeckOutputSerializer}, tags=SPACES)
    def post(self, request: Request, space_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.SHARE_DECK)
        deck_id = validated(s.DeckShareInputSerializer, request.data)["deck_id"]
        shared = services.deck_share(actor=membership, deck_id=deck_id)
        shared = selectors.shared_deck_get(membership=membership, deck_id=shared.deck_id)
        return Response(s.SharedDeckOutputSerializer(shared).data, status=status.HTTP_201_CREATED)


class SharedDeckDetailApi(IfMatchMixin, SpaceApi):
    """A shared deck; unshare it (its sharer, admins, owners)."""

    @extend_schema(responses=s.SharedDeckOutputSerializer, tags=SPACES)
    def get(self, request: Request, space_id: UUID, deck_id: UUID) -> Response:
        shared = selectors.shared_deck_get(membership=self.member(request, space_id), deck_id=deck_id)
        return Response(s.SharedDeckOutputSerializer(shared).data)

    @extend_schema(responses={204: None}, tags=SPACES)
    def delete(self, request: Request, space_id: UUID, deck_id: UUID) -> Response:
        membership = self.member(request, space_id)
        services.deck_unshare(
            actor=membership, shared=selectors.shared_deck_get(membership=membership, deck_id=deck_id)
        )
        return Response(status=status.HTTP_204_NO_CONTENT)


class SharedCardListApi(SpaceApi):
    """A shared deck's cards with the caller's own scheduling state; add a card (admins, owners)."""

    plan_limited_methods = ("POST",)

    @extend_schema(responses=s.SharedCardOutputSerializer(many=True), tags=SPACES)
    def get(self, request: Request, space_id: UUID, deck_id: UUID) -> Response:
        membership = self.member(request, space_id)
        deck = selectors.shared_deck_get(membership=membership, deck_id=deck_id).deck
        cards = selectors.shared_cards(membership=membership, deck=deck)
        return paginated_response(request, cards, s.SharedCardOutputSerializer, view=self)

    @extend_schema(
        request=s.SharedCardCreateInputSerializer, responses={201: s.SharedCardOutputSerializer}, tags=SPACES
    )
    def post(self, request: Request, space_id: UUID, deck_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.EDIT_SHARED)
        deck = selectors.shared_deck_get(membership=membership, deck_id=deck_id).deck
        card = services.shared_card_create(
            actor=membership, deck=deck, **validated(s.SharedCardCreateInputSerializer, request.data)
        )
        card = selectors.shared_card_out(membership=membership, card=card)
        return Response(s.SharedCardOutputSerializer(card).data, status=status.HTTP_201_CREATED)


class SharedDueApi(SpaceApi):
    """The shared deck's cards due for the caller now, by their own state, in study order."""

    pagination_class = None  # one list of at most ``limit`` cards

    @extend_schema(
        parameters=[s.SharedDueFilterSerializer], responses=s.SharedCardOutputSerializer(many=True), tags=SPACES
    )
    def get(self, request: Request, space_id: UUID, deck_id: UUID) -> Response:
        membership = self.member(request, space_id)
        limit = query_filters(s.SharedDueFilterSerializer, request).get("limit", 50)
        deck = selectors.shared_deck_get(membership=membership, deck_id=deck_id).deck
        cards = selectors.shared_due_cards(membership=membership, deck=deck, now=timezone.now())[:limit]
        return Response(s.SharedCardOutputSerializer(cards, many=True).data)


class SharedDeckProgressApi(SpaceApi):
    """Each member's reviews of a shared deck (admins, owners)."""

    @extend_schema(responses=s.MemberDeckProgressOutputSerializer(many=True), tags=SPACES)
    def get(self, request: Request, space_id: UUID, deck_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.VIEW_PROGRESS)
        deck = selectors.shared_deck_get(membership=membership, deck_id=deck_id).deck
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(selectors.member_list(membership=membership), request, view=self)
        rows = selectors.deck_progress_table(deck=deck, page=list(page or []))
        return paginator.get_paginated_response(s.MemberDeckProgressOutputSerializer(rows, many=True).data)


class SharedCardDetailApi(SpaceApi):
    """Change or delete a card of a shared deck (admins, owners)."""

    plan_limited_methods = UNSAFE_METHODS

    @extend_schema(request=s.SharedCardUpdateInputSerializer, responses=s.SharedCardOutputSerializer, tags=SPACES)
    def patch(self, request: Request, space_id: UUID, card_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.EDIT_SHARED)
        data = validated(s.SharedCardUpdateInputSerializer, request.data)
        with transaction.atomic():
            card = selectors.shared_card_get(membership=membership, card_id=card_id, for_update=True)
            card = services.shared_card_update(actor=membership, card=card, data=data)
        return Response(s.SharedCardOutputSerializer(selectors.shared_card_out(membership=membership, card=card)).data)

    @extend_schema(responses={204: None}, tags=SPACES)
    def delete(self, request: Request, space_id: UUID, card_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.EDIT_SHARED)
        card = selectors.shared_card_get(membership=membership, card_id=card_id)
        services.shared_card_delete(actor=membership, card=card)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SharedCardReviewApi(SpaceApi):
    """Rate a card of a shared deck for the caller only (members and up): their own FSRS state and log."""

    plan_limited_methods = UNSAFE_METHODS

    @extend_schema(request=s.SharedCardReviewInputSerializer, responses=s.SharedCardOutputSerializer, tags=SPACES)
    def post(self, request: Request, space_id: UUID, card_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.STUDY)
        data = validated(s.SharedCardReviewInputSerializer, request.data)
        with transaction.atomic():
            card = selectors.shared_card_get(membership=membership, card_id=card_id, for_update=True)
            services.shared_card_review(actor=membership, card=card, **data)
        return Response(s.SharedCardOutputSerializer(selectors.shared_card_out(membership=membership, card=card)).data)


# --- shared materials --------------------------------------------------------------------------


class SharedMaterialListApi(SpaceApi):
    """The materials shared in the space; share one of the caller's own materials (admins, owners)."""

    @extend_schema(responses=s.SharedMaterialOutputSerializer(many=True), tags=SPACES)
    def get(self, request: Request, space_id: UUID) -> Response:
        membership = self.member(request, space_id)
        return paginated_response(
            request, selectors.shared_material_list(membership=membership), s.SharedMaterialOutputSerializer, view=self
        )

    @extend_schema(
        request=s.MaterialShareInputSerializer, responses={201: s.SharedMaterialOutputSerializer}, tags=SPACES
    )
    def post(self, request: Request, space_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.SHARE_MATERIAL)
        material_id = validated(s.MaterialShareInputSerializer, request.data)["material_id"]
        shared = services.material_share(actor=membership, material_id=material_id)
        shared = selectors.shared_material_get(membership=membership, material_id=shared.material_id)
        return Response(s.SharedMaterialOutputSerializer(shared).data, status=status.HTTP_201_CREATED)


class SharedMaterialDetailApi(IfMatchMixin, SpaceApi):
    """A shared material's metadata; rename it (admins, owners); unshare it (its sharer, admins, owners)."""

    @extend_schema(responses=s.SharedMaterialOutputSerializer, tags=SPACES)
    def get(self, request: Request, space_id: UUID, material_id: UUID) -> Response:
        shared = selectors.shared_material_get(membership=self.member(request, space_id), material_id=material_id)
        return Response(s.SharedMaterialOutputSerializer(shared).data)

    @extend_schema(request=s.SharedMaterialUpdateInputSerializer, responses=MaterialOutputSerializer, tags=SPACES)
    def patch(self, request: Request, space_id: UUID, material_id: UUID) -> Response:
        membership = self.member(request, space_id, Action.EDIT_SHARED)
        shared = selectors.shared_material_get(membership=membership, material_id=material_id)
        title = validated(s.SharedMaterialUpdateInputSerializer, request.data)["title"]
        material = services.shared_material_update(actor=membership, material=shared.material, title=title)
        return Response(MaterialOutputSerializer(material).data)

    @extend_schema(responses={204: None}, tags=SPACES)
    def delete(self, request: Request, space_id: UUID, material_id: UUID) -> Response:
        membership = self.member(request, space_id)
        shared = selectors.shared_material_get(membership=membership, material_id=material_id)
        services.material_unshare(actor=membership, shared=shared)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SharedMaterialChunkListApi(SpaceApi):
    """A shared material's passages in reading order."""

    @extend_schema(responses=MaterialChunkOutputSerializer(many=True), tags=SPACES)
    def get(self, request: Request, space_id: UUID, material_id: UUID) -> Response:
        shared = selectors.shared_material_get(membership=self.member(request, space_id), material_id=material_id)
        chunks = selectors.shared_material_chunks(material=shared.material)
        return paginated_response(request, chunks, MaterialChunkOutputSerializer, view=self)
