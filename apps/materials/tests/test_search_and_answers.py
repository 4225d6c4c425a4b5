"""One search over notes, topics and materials (hybrid ranking), and assistant answers grounded in them."""

from __future__ import annotations

import io

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from rest_framework_simplejwt.tokens import AccessToken

from apps.accounts.services import token_pair_for
from apps.assistant.context import PASSAGES, retrieve
from apps.assistant.models import ChatMessage
from apps.assistant.offline.grounded import NOTHING_FOUND
from apps.assistant.tests.openai_server import FakeOpenAI, Reply
from apps.learning.embeddings.hybrid import COVERAGE_WEIGHT
from apps.learning.embeddings.indexing import embeddings_index
from apps.learning.models import EmbeddingKind
from apps.learning.tests.factories import NoteFactory, TopicFactory, UserResourceFactory
from apps.materials import tasks
from apps.materials.models import Material
from apps.materials.search import TYPES, _full_text, passages, search
from apps.materials.tests import files
from maigie.asgi import application

PLANTS = (
    "Chloroplasts capture sunlight with chlorophyll.\nThe Calvin cycle fixes carbon dioxide into glucose.",
    "The French Revolution began in 1789.\nThe Bastille was stormed in July.",
)
SECRET = "Mitochondria are the powerhouse of the cell; they burn glucose to make ATP."
QUESTION = "how do plants turn sunshine into sugar?"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def add_material(client, data: bytes, name: str) -> Material:
    handle = io.BytesIO(data)
    handle.name = name
    response = client.post("/api/v1/materials/", {"file": handle}, format="multipart")
    assert response.status_code == 202, response.json()
    tasks.process_material(response.json()["id"])
    return Material.objects.get(pk=response.json()["id"])


def client_for(api_client, user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(user)}")
    return api_client


@pytest.fixture
def library(auth_client, user, other_user, api_client):
    """The learner's PDF (biology on page 1, history on page 2) and note; another learner's PDF."""
    mine = add_material(auth_client, files.pdf(list(PLANTS)), "plants.pdf")
    note = NoteFactory.create(user=user, title="Enzymes", content="Enzymes speed up reactions in the body.")
    embeddings_index(kind=EmbeddingKind.NOTE, ids=[note.pk])
    theirs = add_material(client_for(api_client, other_user), files.pdf([SECRET]), "secret.pdf")
    return mine, note, theirs


@pytest.mark.django_db
def test_search_fuses_words_and_meaning_over_notes_and_materials(auth_client, library):
    mine, note, theirs = library

    by_meaning = auth_client.get("/api/v1/search/", {"q": QUESTION}).json()
    by_words = auth_client.get("/api/v1/search/", {"q": "enzymes", "types": "note,material"}).json()

    top = by_meaning["results"][0]
    assert by_meaning["by_meaning"] is True
    assert (top["type"], top["material"], top["page"], top["title"]) == ("material", str(mine.pk), 1, "plants")
    assert top["similarity"] > 0.2
    assert by_words["results"][0]["id"] == str(note.pk)
    every_material = {
        r["material"] for r in auth_client.get("/api/v1/search/", {"q": "mitochondria glucose ATP"}).json()["results"]
    }
    assert str(theirs.pk) not in every_material


@pytest.mark.django_db
def test_search_snippets_are_escaped_text_like_every_snippet(auth_client, user):
    note = NoteFactory.create(user=user, title="Payload", content="Payload `<img src=x onerror=alert(1)>` here")
    embeddings_index(kind=EmbeddingKind.NOTE, ids=[note.pk])
    for url in ("/api/v1/search/?q=payload&types=note", "/api/v1/search/semantic?q=payload"):
        response = auth_client.get(url)
        assert response.status_code == 200, response.content
        body = response.content.decode()
        assert "&lt;img src=x onerror=alert(1)&gt;" in body
        assert "<img" not in body


@pytest.mark.django_db
def test_every_kinds_word_matches_carry_the_share_of_the_query_words_they_hold(user, library):
    _, note, _ = library
    topic = TopicFactory.create(module__course__user=user, title="Enzymes", content="Catalysts made of protein.")
    saved = UserResourceFactory.create(user=user, resource__title="Enzymes explained", resource__description="")

    found = {hit.id: share for _, share, hit in _full_text(user, TYPES, "enzymes speed up the reactions of glucose")}

    # the query's stemmed words: enzym, speed, reaction, glucos (stop words dropped)
    assert found[note.pk] == pytest.approx(3 / 4)  # enzymes, speed, reactions
    assert found[topic.pk] == pytest.approx(1 / 4)
    assert found[saved.pk] == pytest.approx(1 / 4)
    [passage] = [share for key, share in found.items() if key not in (note.pk, topic.pk, saved.pk)]
    assert passage == pytest.approx(1 / 4)  # glucose, on the PDF's first page


# A hand-made corpus for "how do plants make energy from light" (stemmed words: plant, make, energi, light).
# Offline-model (MiniLM) similarities: photosynthesis 0.701 (3 of the 4 query words), leaves 0.543 and
# 0.523 (none), the garden centre order 0.444 (all four words, in a shopping list: far in meaning).
WORDS_QUESTION = "how do plants make energy from light"
WORDS_NOTES = {
    "Photosynthesis": "Photosynthesis in plants: leaves turn light into chemical energy and store it as sugar.",
    "Garden centre order": "Items: plants, make of grow lamps, energy bills, light fittings, compost, pots, "
    "hoses, seeds.",
    "Leaves": "Leaves capture sunlight with chlorophyll and build sugar from carbon dioxide and water.",
    "How leaves feed a tree": "Chlorophyll in leaves captures sunlight to build glucose from carbon dioxide and water.",
}


@pytest.mark.django_db
def test_notes_holding_most_of_the_words_come_before_notes_close_in_meaning_only(auth_client, user, other_user):
    for owner in (user, other_user):
        for title, content in WORDS_NOTES.items():
            note = NoteFactory.create(user=owner, title=title, content=content)
            embeddings_index(kind=EmbeddingKind.NOTE, ids=[note.pk])

    results = auth_client.get("/api/v1/search/", {"q": WORDS_QUESTION, "types": "note"}).json()["results"]

    assert [r["title"] for r in results] == list(WORDS_NOTES)  # by meaning alone the order would be last
    assert {r["id"] for r in results} <= {str(pk) for pk in user.notes.values_list("pk", flat=True)}
    top, order, leaves = results[0], results[1], results[2]
    assert top["score"] == pytest.approx(top["similarity"] + COVERAGE_WEIGHT * 3 / 4, abs=1e-5)  # plant, light, energi
    assert order["score"] == pytest.approx(order["similarity"] + COVERAGE_WEIGHT, abs=1e-5)
    assert order["similarity"] < leaves["similarity"]
    assert leaves["score"] == pytest.approx(leaves["similarity"], abs=1e-5)


HISTORY = (
    "The Estates-General met in May 1789 and the Third Estate declared itself a National Assembly. The Tennis "
    "Court Oath followed, and in July crowds stormed the Bastille. The king tried to flee to Varennes. "
) * 4


@pytest.mark.django_db
def test_notes_found_by_words_alone_do_not_crowd_the_assistants_passages_out(user):
    membranes = NoteFactory.create(
        user=user,
        title="Membranes",
        content="Water moves across a semi-permeable membrane from a dilute to a concentrated solution.",
    )
    lectures = [
        NoteFactory.create(
            user=user, title=f"French Revolution {n}", content=HISTORY + "Quiz next week: revise osmosis."
        )
        for n in range(PASSAGES * 2 + 1)
    ]
    embeddings_index(kind=EmbeddingKind.NOTE, ids=[membranes.pk, *(note.pk for note in lectures)])

    searched = search(user=user, query="what is osmosis?", types=("note",)).hits
    found = passages(user, "what is osmosis?")

    assert [hit.similarity for hit in searched[: PASSAGES * 2]] == [None] * (PASSAGES * 2)  # words only, on top
    assert [passage.title for passage in found] == ["Membranes"]
    assert [passage.title for passage in retrieve(user, "what is osmosis?")] == ["Membranes"]


@pytest.mark.django_db
def test_a_word_match_holding_little_of_the_question_is_ranked_by_meaning(auth_client, user, library):
    """A note sharing one incidental word of a long question gets no word bonus; one holding most of it does."""
    _, note, _ = library
    both = auth_client.get("/api/v1/search/", {"q": "enzymes speed reactions", "types": "note"}).json()["results"]
    incidental = auth_client.get(
        "/api/v1/search/", {"q": "which reactions happen in the stars and galaxies", "types": "note"}
    ).json()["results"]

    assert both[0]["id"] == str(note.pk)
    assert both[0]["score"] == pytest.approx((both[0]["similarity"] or 0) + COVERAGE_WEIGHT, abs=1e-5)
    [only] = [hit for hit in incidental if hit["id"] == str(note.pk)]
    assert only["score"] == pytest.approx(only["similarity"] or 0.0, abs=1e-5)


@pytest.mark.django_db
@pytest.mark.parametrize("params", [{}, {"q": " "}, {"q": "x", "types": "course"}, {"q": "x", "limit": 0}])
def test_bad_search_queries_are_400(auth_client, params):
    assert auth_client.get("/api/v1/search/", params).status_code == 400


def ask(client, content: str):
    conversation = client.post("/api/v1/chat/conversations/", {"title": "Study"}, format="json").json()
    response = client.post(
        f"/api/v1/chat/conversations/{conversation['id']}/messages/", {"content": content}, format="json"
    )
    assert response.status_code == 201, response.json()
    return response.json()["message"]


@pytest.mark.django_db
def test_the_offline_assistant_answers_from_the_learners_pdf_and_cites_it(auth_client, library):
    mine, _, theirs = library

    message = ask(auth_client, QUESTION)

    assert "Calvin cycle" in message["content"] or "Chloroplasts" in message["content"]
    assert "[1]" in message["content"]
    assert "plants, p. 1" in message["content"]
    assert message["citations"][0] == {
        "type": "material",
        "id": str(mine.pk),
        "title": "plants",
        "page": 1,
        "chunk": str(mine.chunks.get(page=1).pk),
        "start_ms": None,
        "snippet": mine.chunks.get(page=1).text,
    }
    assert str(theirs.pk) not in {c["id"] for c in message["citations"]}


@pytest.mark.django_db
def test_another_learners_material_never_reaches_the_assistant(auth_client, library):
    message = ask(auth_client, "what is the powerhouse of the cell where mitochondria make ATP?")

    assert "powerhouse" not in message["content"]
    assert all(citation["title"] != "secret" for citation in message["citations"])


@pytest.mark.django_db
def test_the_offline_assistant_says_when_nothing_relevant_is_found(auth_client):
    message = ask(auth_client, "what is the capital of Mongolia?")

    assert message["content"] == NOTHING_FOUND
    assert message["citations"] == []


@pytest.mark.django_db
def test_a_model_gets_the_passages_and_its_citations_are_kept(auth_client, library, settings):
    mine, _, _ = library
    with FakeOpenAI() as server:
        settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL, settings.OPENAI_MAX_RETRIES = "sk-test", server.base_url, 0
        settings.EMBEDDING_PROVIDER = "offline"  # the vectors stored above
        server.script.append(Reply(text_chunks=["The Calvin cycle makes glucose [1]."]))

        message = ask(auth_client, QUESTION)

        system = server.requests[-1]["messages"][0]["content"]
    assert "[1] (plants, p. 1) Chloroplasts capture sunlight" in system
    assert [(c["id"], c["page"]) for c in message["citations"]] == [(str(mine.pk), 1)]


@pytest.mark.django_db(transaction=True)
async def test_citations_arrive_over_the_chat_websocket(user, auth_client):
    await sync_to_async(add_material)(auth_client, files.pdf(list(PLANTS)), "plants.pdf")
    access = await sync_to_async(token_pair_for)(user=user)
    communicator = WebsocketCommunicator(application, f"/ws/chat?token={access['access']}")
    assert (await communicator.connect())[0]
    await communicator.receive_json_from()

    await communicator.send_json_to({"type": "message", "content": QUESTION})
    frame = await communicator.receive_json_from(timeout=20)
    while frame["type"] != "done":
        frame = await communicator.receive_json_from(timeout=20)

    assert frame["citations"][0]["title"] == "plants"
    assert frame["citations"][0]["page"] == 1
    stored = await ChatMessage.objects.aget(pk=frame["message_id"])
    assert stored.citations == frame["citations"]
    await communicator.disconnect()


@pytest.mark.django_db
def test_search_materials_quotes_and_cites_only_the_learners_relevant_passages(user, library):
    from apps.materials.assistant import SearchMaterials, search_materials

    mine, _, _ = library

    found = search_materials(user, SearchMaterials(query=QUESTION)).result
    theirs = search_materials(user, SearchMaterials(query="mitochondria powerhouse ATP glucose")).result
    nothing = search_materials(user, SearchMaterials(query="the capital of Mongolia")).result

    assert found["summary"].startswith("From your material: ")
    assert "” (plants, p. 1)" in found["summary"]
    assert "[1]" not in found["summary"]  # a tool's passages have no number: [n] is the prompt's
    assert (found["citations"][0]["id"], found["citations"][0]["page"]) == (str(mine.pk), 1)
    assert found["passages"][0]["where"] == "plants, p. 1"
    assert all(citation["title"] != "secret" for citation in theirs["citations"])
    assert "powerhouse" not in theirs["summary"]
    assert nothing == {
        "passages": [],
        "citations": [],
        "summary": "Nothing in your study materials is about “the capital of Mongolia”.",
    }


@pytest.mark.django_db
def test_a_model_that_searches_the_materials_gets_passages_and_the_reply_cites_them(auth_client, library, settings):
    mine, _, _ = library
    with FakeOpenAI() as server:
        settings.OPENAI_API_KEY, settings.OPENAI_BASE_URL, settings.OPENAI_MAX_RETRIES = "sk-test", server.base_url, 0
        settings.EMBEDDING_PROVIDER = "offline"
        server.script.extend(
            [
                Reply(tool_calls=[("c1", "search_materials", '{"query": "Calvin cycle carbon dioxide"}')]),
                Reply(text_chunks=["Your slides: the Calvin cycle fixes carbon dioxide."]),
            ]
        )

        message = ask(auth_client, "hello")

        tool_answer = server.requests[-1]["messages"][-1]
    assert tool_answer["role"] == "tool"
    assert "The Calvin cycle fixes carbon dioxide into glucose." in tool_answer["content"]
    assert message["actions"][0]["type"] == "search_materials"
    assert [(c["id"], c["page"]) for c in message["citations"]] == [(str(mine.pk), 1)]


@pytest.mark.django_db
def test_the_offline_assistant_searches_the_materials_when_asked_to_and_cites_them(auth_client, library):
    mine, _, _ = library

    message = ask(auth_client, "can you look through my slides for anything on the calvin cycle")

    assert [(a["type"], a["input"]) for a in message["actions"]] == [("search_materials", {"query": "calvin cycle"})]
    assert message["content"].startswith("From your material: “The Calvin cycle fixes carbon dioxide into glucose.”")
    assert [(c["id"], c["page"]) for c in message["citations"]] == [(str(mine.pk), 1)]


@pytest.mark.django_db
def test_a_note_search_that_finds_no_note_answers_from_the_material_and_cites_it(auth_client, library):
    mine, note, _ = library
    note.delete()  # the learner has no note

    message = ask(auth_client, "search my notes for the calvin cycle")
    nothing = ask(auth_client, "search my notes for the capital of Mongolia")

    assert message["actions"][0]["type"] == "search_notes"
    assert message["content"].startswith("No note matches “calvin cycle”. From your material: “The Calvin cycle")
    assert [(c["id"], c["page"]) for c in message["citations"]] == [(str(mine.pk), 1)]
    assert nothing["content"] == "No note matches “capital of Mongolia”."
    assert nothing["citations"] == []


@pytest.mark.django_db
def test_a_note_that_is_only_the_nearest_is_not_found_and_the_material_answers(auth_client, library):
    mine, _, _ = library  # the learner's one note is about enzymes

    message = ask(auth_client, "search my notes for the calvin cycle")
    enzymes = ask(auth_client, "search my notes for enzymes")

    assert message["content"].startswith("No note matches “calvin cycle”. From your material: “The Calvin cycle")
    assert [(c["id"], c["page"]) for c in message["citations"]] == [(str(mine.pk), 1)]
    assert enzymes["content"] == "Found 1 note(s): “Enzymes”."


@pytest.mark.django_db
def test_with_the_embedder_down_the_material_search_still_finds_the_words(user, library, monkeypatch):
    from apps.learning.embeddings.base import EmbeddingError
    from apps.learning.embeddings.minilm import MiniLMEmbeddings
    from apps.materials.assistant import SearchMaterials, search_materials

    mine, _, _ = library

    def unreachable(self, texts):
        raise EmbeddingError("embedding server unreachable")

    monkeypatch.setattr(MiniLMEmbeddings, "embed", unreachable)
    found = search_materials(user, SearchMaterials(query="Calvin cycle")).result

    assert (
        found["summary"] == "From your material: “The Calvin cycle fixes carbon dioxide into glucose.” (plants, p. 1)"
    )
    assert [(c["id"], c["page"]) for c in found["citations"]] == [(str(mine.pk), 1)]


def test_a_reply_cites_the_prompts_numbered_passages_and_every_search_tools_passages_once():
    from apps.assistant.models import ActionStatus, AIActionLog
    from apps.assistant.providers.base import Passage
    from apps.assistant.services.chat import cited

    prompt = [Passage(type="note", id=f"n{n}", title=f"Note {n}", text="t", similarity=0.5) for n in (1, 2, 3)]
    material = {"type": "material", "id": "m1", "title": "Slides", "page": 2, "chunk": "c1"}
    other = {"type": "material", "id": "m2", "title": "Reader", "page": 1, "chunk": "c2"}
    searches = [
        AIActionLog(status=ActionStatus.EXECUTED, result={"citations": [material]}),
        AIActionLog(status=ActionStatus.EXECUTED, result={"citations": [other, material]}),
        AIActionLog(status=ActionStatus.FAILED, result={"citations": [{**other, "id": "m3"}]}),
    ]

    found = cited("As [2] says, and the slides (p. 2) agree.", prompt, actions=searches)

    assert [(c["type"], c["id"]) for c in found] == [("note", "n2"), ("material", "m1"), ("material", "m2")]
