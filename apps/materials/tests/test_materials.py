"""Study materials end to end: upload, type by content, processing, bad files, limits, isolation, delete."""

from __future__ import annotations

import dataclasses
import io
import struct
import tracemalloc
import uuid
import zipfile
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import DatabaseError

from apps.accounts.models import Job, JobState, Tier
from apps.billing import entitlements
from apps.learning.tests.factories import CourseFactory, TopicFactory
from apps.materials import extraction, services, tasks
from apps.materials.models import Material, MaterialChunk, MaterialKind, MaterialStatus
from apps.materials.tests import files

URL = "/api/v1/materials/"
PHOTOSYNTHESIS = "Photosynthesis turns light into chemical energy.\nChloroplasts hold the chlorophyll."
RESPIRATION = "Mitochondria release energy from glucose.\nThe Krebs cycle produces ATP."

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def upload(client, data: bytes, name: str, **fields):
    with_file = {"file": _named(data, name), **fields}
    return client.post(URL, with_file, format="multipart")


def _named(data: bytes, name: str) -> io.BytesIO:
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def process(response) -> Material:
    """Run the material's job as the worker would, and read the result."""
    assert response.status_code == 202, response.json()
    tasks.process_material(response.json()["id"])
    return Material.objects.get(pk=response.json()["id"])


def test_a_pdf_is_stored_extracted_by_page_and_its_job_succeeds(
    auth_client, user, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = upload(auth_client, files.pdf([PHOTOSYNTHESIS, RESPIRATION]), "biology.pdf")

    assert response.json()["status"] == "PENDING"
    assert response.json()["title"] == "biology"
    assert len(callbacks) >= 1  # the processing job is enqueued after commit
    material = process(response)

    assert (material.status, material.kind, material.pages, material.error) == (MaterialStatus.READY, "PDF", 2, "")
    chunks = list(material.chunks.order_by("index"))
    assert [(chunk.page, "Chloroplasts" in chunk.text, "Krebs" in chunk.text) for chunk in chunks] == [
        (1, True, False),
        (2, False, True),
    ]
    assert all(chunk.vector is not None and chunk.provider.startswith("local:") for chunk in chunks)
    assert material.chunk_count == 2
    assert Path(media, str(material.file.name)).read_bytes().startswith(b"%PDF-")
    assert not str(material.file.name).endswith("biology.pdf")  # never the client's name
    job = Job.objects.get(pk=str(material.job_id))
    assert job.result is not None
    assert (job.state, job.progress, job.result["chunks"]) == (JobState.SUCCEEDED, 100, 2)

    page = auth_client.get(f"{URL}{material.pk}/chunks/").json()
    assert [result["page"] for result in page["results"]] == [1, 2]
    assert auth_client.get(f"{URL}{material.pk}/").json()["status"] == "READY"


def test_word_markdown_and_text_are_read_whatever_their_names(auth_client):
    docx = process(upload(auth_client, files.word_document(["Osmosis moves water across membranes."]), "a.bin"))
    markdown = process(upload(auth_client, b"# Cells\n\n- Nucleus holds DNA\n- Ribosomes make proteins\n", "x.pdf"))
    text = process(upload(auth_client, "Plain notes about enzymes, caf\u00e9.".encode(), "notes", title="Enzymes"))

    assert [(m.kind, m.status, m.pages) for m in (docx, markdown, text)] == [
        ("DOCX", "READY", None),
        ("MARKDOWN", "READY", None),
        ("TEXT", "READY", None),
    ]
    assert "Osmosis" in docx.chunks.get().text
    assert "Lecture notes" in docx.chunks.get().text
    assert "Ribosomes" in " ".join(markdown.chunks.values_list("text", flat=True))
    assert text.title == "Enzymes"


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "scan.pdf"),
        (b"PK\x03\x04not really a zip", "notes.docx"),
        (b"\x00\x01\x02binary", "notes.txt"),
        ("Notes on the café".encode("latin-1"), "notes.txt"),  # not UTF-8 in its last bytes: no cut character
    ],
)
def test_unsupported_content_is_refused_at_upload(auth_client, data, name):
    response = upload(auth_client, data, name)

    assert response.status_code == 400
    assert "file" in response.json()["error"]["details"]
    assert not Material.objects.exists()


def test_a_word_document_unpacking_past_the_bound_fails_unread(auth_client, monkeypatch):
    monkeypatch.setattr(extraction, "DOCX_MAX_UNPACKED_BYTES", 1024 * 1024)
    bomb = io.BytesIO(files.word_document(["Osmosis moves water across membranes."]))
    with zipfile.ZipFile(bomb, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/padding.bin", b"\0" * (2 * 1024 * 1024))  # 2 MiB in about 2 kB
    assert len(bomb.getvalue()) < 64 * 1024

    material = process(upload(auth_client, bomb.getvalue(), "lecture.docx"))

    assert material.status == MaterialStatus.FAILED
    assert "unpacks to more than 1 MB" in material.error
    assert not material.chunks.exists()


def test_a_word_document_part_hiding_more_than_it_declares_is_never_unpacked_whole():
    hidden = 8 * 1024 * 1024
    source = zipfile.ZipFile(io.BytesIO(files.word_document(["Osmosis moves water across membranes."])))
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for entry in source.infolist():
            padding = b" " * hidden if entry.filename == "word/document.xml" else b""
            archive.writestr(entry.filename, source.read(entry.filename) + padding)
    bomb = _declaring(packed.getvalue(), name=b"word/document.xml", size=5000)

    tracemalloc.start()
    with pytest.raises(extraction.UnreadableFile):
        extraction.extract(MaterialKind.DOCX, bomb)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert peak < hidden / 4  # read in pieces: the hidden 8 MiB were never held at once


def _declaring(data: bytes, *, name: bytes, size: int) -> bytes:
    """``data`` (a zip) whose entry ``name`` declares ``size`` unpacked bytes in both of its headers."""
    raw = bytearray(data)
    central = raw.find(b"PK\x01\x02")
    while central >= 0:
        name_length = struct.unpack("<H", raw[central + 28 : central + 30])[0]
        if raw[central + 46 : central + 46 + name_length] == name:
            raw[central + 24 : central + 28] = struct.pack("<I", size)
            local = struct.unpack("<I", raw[central + 42 : central + 46])[0]
            raw[local + 22 : local + 26] = struct.pack("<I", size)
        central = raw.find(b"PK\x01\x02", central + 4)
    return bytes(raw)


def test_a_character_cut_by_the_sniffed_sample_is_still_text():
    data = b"a" * (extraction.SNIFF_BYTES - 1) + "\u00e9 and more".encode()  # the sample ends inside the é

    assert extraction.sniff(data[: extraction.SNIFF_BYTES], io.BytesIO(data)) == MaterialKind.TEXT


def test_an_empty_file_is_refused(auth_client):
    response = upload(auth_client, b"", "empty.txt")

    assert response.status_code == 400
    assert response.json()["error"]["details"]["file"]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (files.encrypted_pdf(), "password-protected"),
        (files.blank_pdf(), "no text layer"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog broken", "damaged"),
        (b"   \n\n\t ", "no text"),
    ],
)
def test_unreadable_files_fail_their_job_with_a_reason(auth_client, data, reason):
    material = process(upload(auth_client, data, "bad.pdf"))

    assert material.status == MaterialStatus.FAILED
    assert reason in material.error
    job = Job.objects.get(pk=str(material.job_id))
    assert job.state == JobState.FAILED
    assert reason in job.error
    assert not material.chunks.exists()


def test_the_plan_bounds_file_size_storage_and_pages(auth_client, user, monkeypatch):
    small = dataclasses.replace(
        entitlements.FREE, material_file_bytes=2000, material_storage_bytes=3000, material_pages=1
    )
    monkeypatch.setitem(entitlements.PLAN_LIMITS, Tier.FREE, small)

    too_big = upload(auth_client, b"x" * 2001, "big.txt")
    assert too_big.status_code == 402
    assert too_big.json()["error"]["details"]["metric"] == "material_file_bytes"

    assert upload(auth_client, b"y" * 1500, "one.txt").status_code == 202
    full = upload(auth_client, b"z" * 1600, "two.txt")
    assert full.status_code == 402
    assert full.json()["error"]["details"] == {"metric": "material_storage_bytes", "limit": 3000, "used": 1500}

    Material.objects.all().delete()
    long_pdf = process(upload(auth_client, files.pdf(["one", "two"]), "long.pdf"))
    assert long_pdf.status == MaterialStatus.FAILED
    assert "2 pages" in long_pdf.error


def test_course_and_topic_must_be_the_learners(auth_client, user, other_user):
    mine = TopicFactory.create(module__course__user=user)
    theirs = CourseFactory.create(user=other_user)

    linked = upload(auth_client, b"notes", "n.txt", topic_id=str(mine.pk))
    refused = upload(auth_client, b"notes", "n.txt", course_id=str(theirs.pk))

    assert linked.status_code == 202
    assert (linked.json()["course_id"], linked.json()["topic_id"]) == (str(mine.module.course_id), str(mine.pk))
    assert refused.status_code == 400
    assert refused.json()["error"]["details"] == {"course_id": ["No such course."]}  # the one link rule's words
    refused = upload(auth_client, b"notes", "n.txt", topic_id=str(uuid.uuid4()))
    assert refused.json()["error"]["details"] == {"topic_id": ["No such topic."]}


def test_course_and_topic_are_also_accepted_by_their_short_names_and_a_misspelt_field_is_refused(auth_client, user):
    mine = TopicFactory.create(module__course__user=user)

    linked = upload(auth_client, b"notes", "n.txt", course=str(mine.module.course_id), topic=str(mine.pk))
    misspelt = upload(auth_client, b"notes", "n.txt", cours=str(mine.module.course_id))

    assert linked.status_code == 202, linked.json()
    assert (linked.json()["course_id"], linked.json()["topic_id"]) == (str(mine.module.course_id), str(mine.pk))
    assert misspelt.status_code == 400
    assert misspelt.json()["error"]["details"] == {"cours": ["Unknown field."]}
    assert Material.objects.count() == 1


def test_another_learners_material_is_invisible(auth_client, user, other_user, api_client):
    from rest_framework_simplejwt.tokens import AccessToken

    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(other_user)}")
    theirs = process(upload(api_client, files.pdf([PHOTOSYNTHESIS]), "theirs.pdf"))
    mine = process(upload(auth_client, b"My own notes on enzymes.", "mine.txt"))

    listed = auth_client.get(URL).json()["results"]
    assert [item["id"] for item in listed] == [str(mine.pk)]
    for path in (f"{URL}{theirs.pk}/", f"{URL}{theirs.pk}/chunks/"):
        assert auth_client.get(path).status_code == 404
    assert auth_client.delete(f"{URL}{theirs.pk}/").status_code == 404
    assert Material.objects.filter(pk=theirs.pk).exists()


def test_rename_and_delete_remove_the_file_chunks_and_vectors(auth_client, media, django_capture_on_commit_callbacks):
    material = process(upload(auth_client, files.pdf([PHOTOSYNTHESIS]), "bio.pdf"))
    stored = Path(media, str(material.file.name))
    assert stored.exists()

    renamed = auth_client.patch(f"{URL}{material.pk}/", {"title": "Biology 101"}, format="json")
    assert renamed.json()["title"] == "Biology 101"

    with django_capture_on_commit_callbacks(execute=True):
        response = auth_client.delete(f"{URL}{material.pk}/")

    assert response.status_code == 204
    assert not Material.objects.filter(pk=material.pk).exists()
    assert not MaterialChunk.objects.filter(material_id=material.pk).exists()
    assert not stored.exists()
    assert not default_storage.exists(str(material.file.name))


def test_an_upload_whose_row_cannot_be_saved_leaves_no_file(user, media, monkeypatch):
    def lost_connection(*args, **kwargs):
        raise DatabaseError("server closed the connection unexpectedly")

    monkeypatch.setattr(Material, "save", lost_connection)
    upload_file = SimpleUploadedFile("bio.txt", PHOTOSYNTHESIS.encode())

    with pytest.raises(DatabaseError):
        services.material_upload(user=user, file=upload_file)

    assert [path for path in Path(media).rglob("*") if path.is_file()] == []
    assert not Job.objects.filter(user=user).exists()


def test_a_redelivered_job_changes_nothing(auth_client):
    material = process(upload(auth_client, files.pdf([PHOTOSYNTHESIS]), "bio.pdf"))
    first = list(material.chunks.values_list("pk", flat=True))

    assert tasks.process_material(str(material.pk)) == 1

    assert list(material.chunks.values_list("pk", flat=True)) == first


def test_the_list_runs_a_constant_number_of_queries(auth_client, django_assert_max_num_queries):
    for index in range(5):
        upload(auth_client, f"notes {index}".encode(), f"{index}.txt")

    with django_assert_max_num_queries(4):
        response = auth_client.get(URL)

    assert response.json()["count"] == 5


def test_switching_models_reembeds_passages_and_never_mixes_them(auth_client, settings):
    settings.EMBEDDING_PROVIDER = "hashed"
    material = process(upload(auth_client, files.pdf([PHOTOSYNTHESIS]), "bio.pdf"))
    assert set(material.chunks.values_list("provider", flat=True)) == {f"hashed:hashed-stems-trigrams-{384}"}

    settings.EMBEDDING_PROVIDER = "offline"
    before = auth_client.get("/api/v1/search/", {"q": "chlorophyll", "types": "material"}).json()["results"]
    out = io.StringIO()
    call_command("reindex_embeddings", "--kind", "material", stdout=out, stderr=io.StringIO())
    after = auth_client.get(
        "/api/v1/search/", {"q": "how do plants make energy from light", "types": "material"}
    ).json()

    assert [hit["similarity"] for hit in before] == [None]  # old vectors are not compared: words only
    assert out.getvalue().splitlines()[-1] == "materials: 1 checked, 1 passages embedded"
    assert set(material.chunks.values_list("provider", flat=True)) == {"local:all-minilm-l6-v2"}
    assert after["results"][0]["similarity"] > 0.2


@pytest.mark.parametrize("body", [b"--X--\r\n", b"--X--", b"", b"--X\r\n\r\n--X--\r\n", b"garbage"])
def test_a_multipart_body_without_a_file_is_a_400_in_the_error_shape(auth_client, body):
    response = auth_client.generic("POST", URL, body, content_type="multipart/form-data; boundary=X")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert set(response.json()["error"]) == {"code", "message", "details", "request_id"}
    assert not Material.objects.exists()


def test_two_file_parts_are_a_400_not_one_of_them(auth_client, media):
    first, second = _named(PHOTOSYNTHESIS.encode(), "a.txt"), _named(RESPIRATION.encode(), "b.txt")

    response = auth_client.post(URL, {"file": [first, second], "title": "Two"}, format="multipart")

    assert response.status_code == 400
    assert response.json()["error"]["details"] == {"file": ["Send one file in this field; the request has 2."]}
    assert not Material.objects.exists()
    assert not any(media.rglob("*.txt"))


def test_a_keyed_multipart_body_without_a_file_is_a_400_in_the_error_shape_and_replays_so(auth_client):
    def send():
        return auth_client.generic(
            "POST", URL, b"--X--\r\n", content_type="multipart/form-data; boundary=X", HTTP_IDEMPOTENCY_KEY="k1"
        )

    for response in (send(), send()):
        assert response.status_code == 400
        assert response["Content-Type"] == "application/json"
        assert set(response.json()["error"]) == {"code", "message", "details", "request_id"}


@pytest.mark.django_db
def test_a_material_that_outlasts_its_time_limit_fails_with_a_reason(monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    from apps.materials.tests.factories import MaterialFactory

    material = MaterialFactory.create(status=MaterialStatus.PROCESSING)

    def too_slow(*, material_id):
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(tasks, "material_process", too_slow)

    assert tasks.process_material(str(material.pk)) == 0
    material.refresh_from_db()
    assert material.status == MaterialStatus.FAILED
    assert material.error == tasks.TOO_LONG


def test_the_short_names_read_a_form_as_the_long_ones_do(auth_client, user):
    mine = TopicFactory.create(module__course__user=user)
    course = str(mine.module.course_id)
    two_files = {"file": [_named(b"a", "a.txt"), _named(b"b", "b.txt")]}

    repeated = [
        auth_client.post(URL, {**two_files, key: course}, format="multipart") for key in ("course", "course_id")
    ]
    blank_topic = [
        upload(auth_client, b"notes", "n.txt", **{key: course, "topic_id": ""}) for key in ("course", "course_id")
    ]

    assert [r.status_code for r in repeated] == [400, 400]
    assert all("file" in r.json()["error"]["details"] for r in repeated)
    assert [r.status_code for r in blank_topic] == [202, 202], [r.json() for r in blank_topic]
    assert [r.json()["topic_id"] for r in blank_topic] == [None, None]
