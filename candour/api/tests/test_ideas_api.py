from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from candour.accounts.roles import Role
from candour.api.tests.support import caller_for, submit
from candour.ideas.models import Idea
from candour.ideas.vocabulary import IdeaStatus
from conftest import make_person

IDEAS = "/api/v1/ideas"


def status_url(idea: Idea) -> str:
    return f"/api/v1/ideas/{idea.pk}/status"


@pytest.fixture
def moorland_worker(world):
    return make_person("worker@moorland.example", world.moorland, Role.STAFF, world.moorland_team)


@pytest.fixture
def colleague(world):
    return make_person("jo@riverside.example", world.riverside, Role.STAFF, world.assessment)


# Listing ---------------------------------------------------------------------------


def test_the_list_holds_only_the_callers_organisations_ideas(world, moorland_worker):
    ours = submit(world.staff, world.assessment, text="Riverside idea")
    theirs = submit(moorland_worker, world.moorland_team, text="Moorland idea")

    riverside = caller_for(world.staff).get(IDEAS).json()
    moorland = caller_for(moorland_worker).get(IDEAS).json()

    assert [item["id"] for item in riverside["items"]] == [ours.pk]
    assert riverside["count"] == 1
    assert [item["id"] for item in moorland["items"]] == [theirs.pk]


def test_each_idea_carries_its_team_status_dates_and_impact(world):
    idea = submit(world.staff, world.assessment)

    item = caller_for(world.staff).get(IDEAS).json()["items"][0]

    assert item["team"] == {"id": world.assessment.pk, "name": "Assessment"}
    assert item["organisation"] == {"id": world.riverside.pk, "name": "Riverside"}
    assert item["author"] == {"name": world.staff.full_name}
    assert item["problem_kind"] == "waste"
    assert item["idea"] == "Share templates"
    assert item["status"] == "new"
    assert item["source"] == "staff"
    assert item["respond_by"] == idea.respond_by.isoformat()
    assert item["first_response_at"] is None
    assert item["impact"]["what_changed"] == ""
    assert item["impact"]["minutes_saved_per_week"] is None


def test_a_hidden_author_is_not_revealed_to_colleagues_but_is_to_the_manager(world, colleague):
    submit(world.staff, world.assessment, hidden=True)

    seen_by_colleague = caller_for(colleague).get(IDEAS).json()["items"][0]
    seen_by_manager = caller_for(world.manager).get(IDEAS).json()["items"][0]
    seen_by_author = caller_for(world.staff).get(IDEAS).json()["items"][0]
    seen_by_other_manager = caller_for(world.other_manager).get(IDEAS).json()["items"][0]

    assert seen_by_colleague["author"] is None
    assert world.staff.full_name not in str(seen_by_colleague)
    assert seen_by_manager["author"] == {"name": world.staff.full_name}
    assert seen_by_author["author"] == {"name": world.staff.full_name}
    assert seen_by_other_manager["author"] is None


def test_the_list_is_newest_first_and_paginated(world):
    ideas = [submit(world.staff, world.assessment, text=f"Idea {n}") for n in range(5)]
    Idea.objects.filter(pk=ideas[0].pk).update(created_at=timezone.now() + timedelta(hours=1))
    caller = caller_for(world.staff)

    first = caller.get(IDEAS, limit=2).json()
    second = caller.get(IDEAS, limit=2, offset=2).json()

    assert first["count"] == 5
    assert [i["id"] for i in first["items"]] == [ideas[0].pk, ideas[4].pk]
    assert [i["id"] for i in second["items"]] == [ideas[3].pk, ideas[2].pk]
    assert (second["limit"], second["offset"]) == (2, 2)


def test_the_list_filters_by_status_and_team(world):
    moved = submit(world.staff, world.assessment, text="Moved")
    submit(world.staff, world.assessment, text="Still new")
    elsewhere = submit(world.staff, world.child_in_need, text="Other team")
    caller_for(world.manager).post(status_url(moved), {"to_status": "under_review"})
    caller = caller_for(world.staff)

    under_review = caller.get(IDEAS, status="under_review").json()["items"]
    other_team = caller.get(IDEAS, team=world.child_in_need.pk).json()["items"]

    assert [i["id"] for i in under_review] == [moved.pk]
    assert [i["id"] for i in other_team] == [elsewhere.pk]


def test_bad_filters_are_explained(world):
    response = caller_for(world.staff).get(IDEAS, limit=500, status="lost")

    assert response.status_code == 422
    messages = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert messages["limit"] == "Enter a number no bigger than 100"
    assert messages["status"].startswith("Choose one of 'new'")


def test_listing_takes_the_same_queries_however_many_ideas(world, colleague):
    caller = caller_for(colleague)
    submit(world.staff, world.assessment, hidden=True)
    caller.get(IDEAS)  # the first request also stamps last_used_at
    with CaptureQueriesContext(connection) as few:
        caller.get(IDEAS)
    for n in range(6):
        submit(world.staff, world.assessment, hidden=n % 2 == 0, text=f"Idea {n}")
    with CaptureQueriesContext(connection) as many:
        assert len(caller.get(IDEAS).json()["items"]) == 7

    assert len(many) == len(few)


# Submitting ------------------------------------------------------------------------

NEW_IDEA = {
    "problem_kind": "delay",
    "problem": "Families wait for a call back after the first visit",
    "idea": "A named worker rings every family within two days",
    "expected_benefit": "Families know who to ask",
}


def test_a_person_submits_an_idea(world):
    response = caller_for(world.staff).post(IDEAS, {"team_id": world.assessment.pk, **NEW_IDEA})

    assert response.status_code == 201
    body = response.json()
    idea = Idea.objects.get(pk=body["id"])
    assert idea.author == world.staff
    assert idea.team == world.assessment
    assert idea.status == IdeaStatus.NEW
    assert idea.problem == NEW_IDEA["problem"]
    assert body["status"] == "new"
    assert body["respond_by"] == idea.respond_by.isoformat()


def test_a_missing_field_is_explained_in_plain_english(world):
    body = {"team_id": world.assessment.pk, **NEW_IDEA}
    del body["problem"]

    response = caller_for(world.staff).post(IDEAS, body)

    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "problem", "message": "Describe the problem"}]
    assert not Idea.objects.exists()


def test_a_blank_field_gets_the_services_message(world):
    response = caller_for(world.staff).post(
        IDEAS, {"team_id": world.assessment.pk, **NEW_IDEA, "idea": "   "}
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "idea", "message": "Describe your idea"}]


def test_an_idea_cannot_be_put_to_another_organisations_team(world):
    response = caller_for(world.staff).post(IDEAS, {"team_id": world.moorland_team.pk, **NEW_IDEA})

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "team_id", "message": "Choose a team in your own organisation"}
    ]
    assert not Idea.objects.exists()


def test_a_body_that_is_not_json_is_explained(world):
    caller = caller_for(world.staff)
    response = caller.client.post(
        IDEAS, "{not json", content_type="application/json", headers=caller.headers
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "Cannot parse request body"


# Moving on -------------------------------------------------------------------------


def test_a_manager_moves_an_idea_under_review(world):
    idea = submit(world.staff, world.assessment)

    response = caller_for(world.manager).post(
        status_url(idea), {"to_status": "under_review", "note": "Talking to the team"}
    )

    assert response.status_code == 200
    assert response.json()["status"] == "under_review"
    assert response.json()["first_response_at"] is not None
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.UNDER_REVIEW


def test_a_manager_puts_an_idea_on_trial_with_its_plan(world):
    idea = submit(world.staff, world.assessment)
    review_on = (timezone.localdate() + timedelta(days=30)).isoformat()

    response = caller_for(world.manager).post(
        status_url(idea),
        {
            "to_status": "trial",
            "plan": "Two weeks, Sam rings",
            "measure": "Calls back",
            "review_on": review_on,
        },
    )

    assert response.status_code == 200
    assert (response.json()["plan"], response.json()["review_on"]) == (
        "Two weeks, Sam rings",
        review_on,
    )


def test_staff_who_can_see_an_idea_cannot_move_it(world):
    idea = submit(world.staff, world.assessment)

    response = caller_for(world.staff).post(status_url(idea), {"to_status": "under_review"})

    assert response.status_code == 403
    assert response.json()["detail"] == "Only the idea's managers can move it on"
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.NEW


def test_another_organisation_gets_not_found(world, moorland_worker):
    idea = submit(world.staff, world.assessment)

    response = caller_for(moorland_worker).post(status_url(idea), {"to_status": "under_review"})
    missing = caller_for(world.manager).post("/api/v1/ideas/999999/status", {"to_status": "trial"})

    assert response.status_code == 404
    assert response.json() == missing.json() == {"detail": "Not found", "errors": []}


def test_a_refused_transition_gives_the_services_message(world):
    idea = submit(world.staff, world.assessment)
    manager = caller_for(world.manager)
    manager.post(status_url(idea), {"to_status": "not_adopted", "reason": "Not this year"})

    response = manager.post(status_url(idea), {"to_status": "adopted", "what_changed": "x"})

    assert response.status_code == 422
    assert response.json()["detail"] == "An idea that is not adopted cannot be moved to adopted"
    assert response.json()["errors"] == [{"field": None, "message": response.json()["detail"]}]


def test_not_adopted_needs_a_reason(world):
    idea = submit(world.staff, world.assessment)

    response = caller_for(world.manager).post(status_url(idea), {"to_status": "not_adopted"})

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "reason", "message": "Give the reason: the author deserves to know why"}
    ]
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.NEW


def test_an_unknown_stage_is_explained(world):
    idea = submit(world.staff, world.assessment)

    response = caller_for(world.manager).post(status_url(idea), {"to_status": "finished"})

    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "to_status"
    assert "'under_review'" in error["message"]


# The OpenAPI document and the documentation page -------------------------------------


def test_the_openapi_document_describes_the_three_operations():
    document = Client().get("/api/v1/openapi.json").json()

    operations = {
        (path, method): operation
        for path, methods in document["paths"].items()
        for method, operation in methods.items()
    }
    assert set(operations) == {
        ("/api/v1/ideas", "get"),
        ("/api/v1/ideas", "post"),
        ("/api/v1/ideas/{idea_id}/status", "post"),
        ("/api/v1/health/indicators", "get"),
        ("/api/v1/health/series", "get"),
        ("/api/v1/sharing/flags", "get"),
        ("/api/v1/sharing/flags", "post"),
        ("/api/v1/sharing/flags/{flag_id}/end", "post"),
        ("/api/v1/sharing/flags/{flag_id}/birth", "post"),
        ("/api/v1/sharing/flags/reconcile", "post"),
        ("/api/v1/sharing/lookups", "post"),
    }
    schemas = document["components"]["schemas"]
    listing = operations[("/api/v1/ideas", "get")]
    assert listing["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/IdeaPage"
    }
    assert {p["name"] for p in listing["parameters"]} == {"status", "team", "limit", "offset"}
    submitting = operations[("/api/v1/ideas", "post")]
    assert set(submitting["responses"]) >= {"201", "401", "422"}
    assert set(schemas["IdeaIn"]["required"]) == {
        "team_id",
        "problem_kind",
        "problem",
        "idea",
        "expected_benefit",
    }
    moving = operations[("/api/v1/ideas/{idea_id}/status", "post")]
    assert set(moving["responses"]) >= {"200", "403", "404", "422"}
    assert schemas["StatusIn"]["required"] == ["to_status"]
    assert "not_adopted" in schemas["IdeaStatus"]["enum"]
    assert "Null when the author asked" in str(schemas["IdeaOut"]["properties"]["author"])
    assert document["components"]["securitySchemes"]["PersonalToken"]["scheme"] == "bearer"


def test_the_api_page_explains_tokens_and_lists_the_operations(db):
    page = Client().get("/api/").content.decode()

    assert "Authorization: Bearer" in page
    assert "/account/api-tokens/" in page
    assert "/api/v1/openapi.json" in page
    assert "POST /api/v1/ideas/{idea_id}/status" in page
    assert "List the ideas you can see" in page
    assert "<script>" not in page
