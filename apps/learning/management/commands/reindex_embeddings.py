"""``manage.py reindex_embeddings``: embed every note, topic, catalog resource and material passage whose vector is
missing, out of date or made by another embedder (after a change of model), with a progress bar."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand
from tqdm import tqdm

from apps.learning.embeddings.base import provider_key
from apps.learning.embeddings.indexing import RESOURCE, embeddings_index, resource_embeddings_index
from apps.learning.embeddings.selection import embedding_provider
from apps.learning.models import EmbeddingKind, Note, Resource, Topic

BATCH = 200
MATERIAL = "material"


class Command(BaseCommand):
    help = "Embed notes, topics and study materials for search (unchanged text is skipped unless --force)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--kind", choices=[*EmbeddingKind.values, RESOURCE, MATERIAL], help="Only one kind of object."
        )
        parser.add_argument("--user", help="Only this user's objects (e-mail address).")
        parser.add_argument("--force", action="store_true", help="Embed again even when the text is unchanged.")

    def handle(
        self, *args: Any, kind: str | None = None, user: str | None = None, force: bool = False, **options: Any
    ) -> None:
        provider = embedding_provider()
        quiet = options.get("verbosity", 1) == 0
        self.stdout.write(f"embedder: {provider_key(provider)}")
        for current in [kind] if kind else [*EmbeddingKind.values, RESOURCE, MATERIAL]:
            if current == MATERIAL:
                self._materials(provider=provider, user=user, force=force, quiet=quiet)
                continue
            if current == RESOURCE:
                self._resources(provider=provider, force=force, quiet=quiet)
                continue
            sources = Note.objects.all() if current == EmbeddingKind.NOTE else Topic.objects.all()
            if user:
                owner = "user" if current == EmbeddingKind.NOTE else "module__course__user"
                sources = sources.filter(**{f"{owner}__email__iexact": user})
            ids = list(sources.order_by("pk").values_list("pk", flat=True))
            embedded = 0
            with tqdm(total=len(ids), desc=f"{current}s", unit=current, file=self.stderr, disable=quiet) as bar:
                for start in range(0, len(ids), BATCH):
                    batch = ids[start : start + BATCH]
                    embedded += embeddings_index(kind=current, ids=batch, provider=provider, force=force)
                    bar.update(len(batch))
            self.stdout.write(f"{current}s: {len(ids)} checked, {embedded} embedded")

    def _resources(self, *, provider: Any, force: bool, quiet: bool) -> None:
        """Catalog resources are shared by every learner (``--user`` does not apply)."""
        ids = list(Resource.objects.order_by("pk").values_list("pk", flat=True))
        embedded = 0
        with tqdm(total=len(ids), desc="resources", unit="resource", file=self.stderr, disable=quiet) as bar:
            for start in range(0, len(ids), BATCH):
                batch = ids[start : start + BATCH]
                embedded += resource_embeddings_index(ids=batch, provider=provider, force=force)
                bar.update(len(batch))
        self.stdout.write(f"resources: {len(ids)} checked, {embedded} embedded")

    def _materials(self, *, provider: Any, user: str | None, force: bool, quiet: bool) -> None:
        from apps.materials import selectors, services  # noqa: PLC0415 - materials builds on learning

        materials = selectors.materials_to_reindex(provider=provider_key(provider), force=force)
        if user:
            materials = materials.filter(user__email__iexact=user)
        chunks = 0
        listed = list(materials)
        with tqdm(total=len(listed), desc="materials", unit="material", file=self.stderr, disable=quiet) as bar:
            for material in listed:
                chunks += services.material_reindex(material=material, provider=provider, force=force)
                bar.update(1)
        self.stdout.write(f"materials: {len(listed)} checked, {chunks} passages embedded")
