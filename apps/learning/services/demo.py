"""The demo learner's sample course and catalog (``seed_demo``)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from apps.accounts.models import User
from apps.learning.models import Course, Difficulty, ResourceType
from apps.learning.services.courses import course_create
from apps.learning.services.resources import catalog_resource_ensure

DEMO_COURSE_TITLE = "Linear Algebra Foundations"
DEMO_COURSE_OUTLINE: list[dict[str, Any]] = [
    {
        "title": "Vectors",
        "topics": [
            {"title": "Vectors and vector spaces", "estimated_hours": 1.5},
            {"title": "Linear combinations and span", "estimated_hours": 1.0},
            {"title": "Linear independence and bases", "estimated_hours": 2.0},
        ],
    },
    {
        "title": "Matrices",
        "topics": [
            {"title": "Matrix multiplication", "estimated_hours": 1.5},
            {"title": "Determinants", "estimated_hours": 1.0},
            {"title": "Inverse matrices", "estimated_hours": 1.5},
        ],
    },
    {
        "title": "Eigenvalues",
        "topics": [
            {"title": "Eigenvalues and eigenvectors", "estimated_hours": 2.0},
            {"title": "Diagonalisation", "estimated_hours": 2.0},
        ],
    },
]


DEMO_RESOURCES: list[dict[str, Any]] = [
    {
        "url": "https://www.youtube.com/playlist?list=PLZHQObOWTQDPD3MizzM2xVFitgF8hE_ab",
        "title": "Essence of linear algebra",
        "description": "Visual introduction to vectors, matrices, determinants and eigenvalues.",
        "type": ResourceType.VIDEO,
        "difficulty": Difficulty.BEGINNER,
        "source": "3Blue1Brown",
    },
    {
        "url": "https://ocw.mit.edu/courses/18-06-linear-algebra-spring-2010/",
        "title": "MIT 18.06 Linear Algebra",
        "description": "Gilbert Strang's course: matrix multiplication, inverse matrices, eigenvalues.",
        "type": ResourceType.COURSE,
        "difficulty": Difficulty.INTERMEDIATE,
        "source": "MIT OpenCourseWare",
    },
    {
        "url": "https://www.khanacademy.org/math/linear-algebra",
        "title": "Linear algebra on Khan Academy",
        "description": "Vectors and spaces, matrix transformations, alternate bases.",
        "type": ResourceType.COURSE,
        "difficulty": Difficulty.BEGINNER,
        "source": "Khan Academy",
    },
]


@transaction.atomic
def demo_course_ensure(*, user: User) -> tuple[Course, bool]:
    """The demo learner's sample course and a small catalog, created once (idempotent).

    Answers the course and whether it is new.
    """
    for spec in DEMO_RESOURCES:
        catalog_resource_ensure(**spec)
    existing = Course.objects.filter(user=user, title=DEMO_COURSE_TITLE).first()
    if existing is not None:
        return existing, False
    course = course_create(
        user=user,
        title=DEMO_COURSE_TITLE,
        description="Vectors, matrices and eigenvalues: a four-week introduction.",
        difficulty=Difficulty.BEGINNER,
        modules=DEMO_COURSE_OUTLINE,
    )
    return course, True
