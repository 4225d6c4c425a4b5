"""``manage.py reindex_embeddings``: embed every note and topic whose vector is missing or out of date."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from apps.learning.embeddings.base import provider_key
from apps.learning.embeddings.indexing import embeddings_index
from apps.learning.embeddings.selection import embedding_provider
from apps.learning.models import EmbeddingKind, Note, Topic

BATCH = 200


class Command(BaseCommand):
    help = "Embed notes and topics for semantic search (unchanged text is skipped unless --force)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--kind", choices=EmbeddingKind.values, help="Only notes or only topics.")
        parser.add_argument("--user", help="Only this user's objects (e-mail address).")
        parser.add_argument("--force", action="store_true", help="Embed again even when the text is unchanged.")

    def handle(
        self, *args: Any, kind: str | None = None, user: str | None = None, force: bool = False, **options: Any
    ) -> None:
        provider = embedding_provider()
        self.stdout.write(f"embedder: {provider_key(provider)}")
        for current in [kind] if kind else EmbeddingKind.values:
            sources = Note.objects.all() if current == EmbeddingKind.NOTE else Topic.objects.all()
            if user:
                owner = "user" if current == EmbeddingKind.NOTE else "module__course__user"
                sources = sources.filter(**{f"{owner}__email__iexact": user})
            ids = list(sources.order_by("pk").values_list("pk", flat=True))
            embedded = sum(
                embeddings_index(kind=current, ids=ids[start : start + BATCH], provider=provider, force=force)
                for start in range(0, len(ids), BATCH)
            )
            self.stdout.write(f"{current}s: {len(ids)} checked, {embedded} embedded")
