"""Each resource through the API: create, read, list with its filters and pages, change and
delete, with what the services do on the way (clocks, timelines, refusals) visible to the user."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from goodwill.network import selectors, services
from goodwill.network.models import Contact, Give, Interaction, Loop, Organization, Share
from tests.api.conftest import Network

BASE = "/api/v1"


def post(api: Client, path: str, data: dict[str, Any]) -> Any:
    return api.post(f"{BASE}{path}", data, content_type="application/json")


def patch(api: Client, path: str, data: dict[str, Any]) -> Any:
    return api.patch(f"{BASE}{path}", data, content_type="application/json")


def test_contacts_are_made_read_changed_and_deleted(api: Client, owner: User) -> None:
    made = post(
        api,
        "/contacts",
        {
            "full_name": "  Priya   Shah ",
            "organization": "Lumen Labs",
            "position": "CTO",
            "handles": [{"kind": "email", "value": "Priya@Lumen.example"}],
        },
    )
    assert made.status_code == 201, made.content
    priya = made.json()
    assert (priya["full_name"], priya["organization"], priya["circle"]) == (
        "Priya Shah",
        "Lumen Labs",
        "Network",
    )
    assert api.get(f"{BASE}/contacts/{priya['id']}").json() == priya
    assert api.get(f"{BASE}/handles", {"contact": priya["id"]}).json()["results"][0][
        "normalized"
    ] == ("priya@lumen.example")

    inner = selectors.circles_for_owner(owner=owner).get(name="Inner")
    changed = patch(api, f"/contacts/{priya['id']}", {"position": "CEO", "circle_id": inner.pk})
    assert changed.status_code == 200, changed.content
    assert (changed.json()["position"], changed.json()["circle"]) == ("CEO", "Inner")
    assert changed.json()["full_name"] == "Priya Shah"

    assert api.delete(f"{BASE}/contacts/{priya['id']}").status_code == 204
    assert api.get(f"{BASE}/contacts/{priya['id']}").status_code == 404
    assert not Contact.objects.exists()


def test_a_contact_is_refused_with_a_clear_message(api: Client, lori: Contact) -> None:
    blank = post(api, "/contacts", {"full_name": "   "})
    taken = post(
        api,
        "/contacts",
        {
            "full_name": "Lori Two",
            "handles": [{"kind": "email", "value": "lori@northwind.example"}],
        },
    )
    malformed = post(api, "/contacts", {"full_name": "x" * 201})

    assert blank.status_code == 400
    assert blank.json()["errors"] == {"full_name": ["A name is needed."]}
    assert taken.status_code == 400
    assert "already belongs to Lori Chen" in taken.json()["detail"]
    assert malformed.status_code == 422
    assert "full_name" in malformed.json()["errors"]
    assert Contact.objects.count() == 1


def test_contacts_are_searched_and_filtered(api: Client, network: Network, owner: User) -> None:
    def names(**query: object) -> list[str]:
        page = api.get(f"{BASE}/contacts", query).json()
        return [contact["full_name"] for contact in page["results"]]

    assert names() == ["Lori Chen", "Sam Okafor"]
    assert names(q="northwind") == ["Lori Chen"]
    assert names(q="lori@northwind") == ["Lori Chen"]
    assert names(organization=network.sam.organization_id) == ["Sam Okafor"]
    inner = selectors.circles_for_owner(owner=owner).get(name="Inner")
    assert names(circle=inner.pk) == []


def test_lists_are_paged_with_links_to_the_next_and_previous_pages(
    api: Client, owner: User
) -> None:
    for n in range(5):
        services.contact_create(owner=owner, full_name=f"Person {n}")

    first = api.get(f"{BASE}/contacts", {"page_size": 2}).json()
    second = api.get(first["next"]).json()
    last = api.get(f"{BASE}/contacts", {"page_size": 2, "page": 3}).json()

    assert first["count"] == 5
    assert [c["full_name"] for c in first["results"]] == ["Person 0", "Person 1"]
    assert first["previous"] is None
    assert [c["full_name"] for c in second["results"]] == ["Person 2", "Person 3"]
    assert "page=1" in second["previous"]
    assert [c["full_name"] for c in last["results"]] == ["Person 4"]
    assert last["next"] is None
    assert api.get(f"{BASE}/contacts", {"page_size": 201}).status_code == 422


def test_handles_are_added_corrected_and_removed(api: Client, lori: Contact) -> None:
    made = post(
        api, "/handles", {"contact_id": lori.pk, "kind": "website", "value": "lori.example"}
    )
    assert made.status_code == 201, made.content
    handle = made.json()

    changed = patch(api, f"/handles/{handle['id']}", {"value": "https://lori.example/about"})
    clash = patch(
        api, f"/handles/{handle['id']}", {"kind": "email", "value": "LORI@northwind.example"}
    )
    bad = post(api, "/handles", {"contact_id": lori.pk, "kind": "email", "value": "not mail"})

    assert changed.status_code == 200
    assert "about" in changed.json()["normalized"]
    assert clash.status_code == 400
    assert "already belongs to Lori Chen" in clash.json()["detail"]
    assert bad.status_code == 400
    assert api.delete(f"{BASE}/handles/{handle['id']}").status_code == 204
    assert lori.handles.count() == 2


def test_organizations_are_made_renamed_and_deleted_keeping_their_contacts(
    api: Client, lori: Contact
) -> None:
    northwind = lori.organization
    assert northwind is not None

    duplicate = post(api, "/organizations", {"name": "northwind design"})
    renamed = patch(api, f"/organizations/{northwind.pk}", {"name": "Northwind Studio"})
    made = post(api, "/organizations", {"name": "Lumen Labs"})

    assert duplicate.status_code == 400
    assert renamed.json()["name"] == "Northwind Studio"
    assert api.get(f"{BASE}/contacts/{lori.pk}").json()["organization"] == "Northwind Studio"
    assert made.status_code == 201
    assert api.get(f"{BASE}/organizations", {"q": "lumen"}).json()["count"] == 1
    assert api.delete(f"{BASE}/organizations/{northwind.pk}").status_code == 204
    assert api.get(f"{BASE}/contacts/{lori.pk}").json()["organization"] is None
    assert Organization.objects.count() == 1


def test_interactions_move_each_contacts_clock_and_moving_back_on_delete(
    api: Client, network: Network
) -> None:
    lori = network.lori
    before = Contact.objects.get(pk=lori.pk).last_touch_at
    yesterday = timezone.now() - timedelta(days=1)
    made = post(
        api,
        "/interactions",
        {"contact_ids": [lori.pk], "kind": "call", "summary": "Catch-up", "details": "Fonts"},
    )
    assert made.status_code == 201, made.content
    interaction = made.json()
    assert interaction["contact_ids"] == [lori.pk]
    assert Contact.objects.get(pk=lori.pk).last_touch_at > before

    moved = patch(api, f"/interactions/{interaction['id']}", {"occurred_at": yesterday.isoformat()})
    assert moved.status_code == 200, moved.content
    assert Contact.objects.get(pk=lori.pk).last_touch_at == max(before, yesterday)

    assert api.delete(f"{BASE}/interactions/{interaction['id']}").status_code == 204
    assert Contact.objects.get(pk=lori.pk).last_touch_at == before


def test_interactions_are_listed_by_contact_and_time(api: Client, network: Network) -> None:
    long_ago = timezone.now() - timedelta(days=400)
    services.interaction_log(
        owner=network.lori.owner,
        contacts=[network.sam],
        kind="email",
        summary="Old thread",
        occurred_at=long_ago,
    )

    def summaries(**query: object) -> list[str]:
        return [i["summary"] for i in api.get(f"{BASE}/interactions", query).json()["results"]]

    assert summaries(contact=network.sam.pk) == ["Shared “Fonts”", "Lunch", "Old thread"][1:]
    assert "Shared “Fonts”" in summaries(contact=network.lori.pk)
    assert summaries(since=(long_ago + timedelta(days=1)).isoformat(), kind="email") == []
    assert summaries(until=(long_ago + timedelta(days=1)).isoformat()) == ["Old thread"]
    future = post(
        api,
        "/interactions",
        {
            "contact_ids": [network.sam.pk],
            "kind": "call",
            "summary": "Next week",
            "occurred_at": (timezone.now() + timedelta(days=7)).isoformat(),
        },
    )
    assert future.status_code == 400
    assert "future" in future.json()["detail"]


def test_loops_open_are_acknowledged_closed_and_filtered(api: Client, network: Network) -> None:
    made = post(
        api,
        "/loops",
        {"contact_id": network.sam.pk, "kind": "promise", "whose": "mine", "summary": "Send deck"},
    )
    assert made.status_code == 201, made.content
    loop = made.json()
    assert loop["status"] == "open"
    assert loop["response_window_days"] == 7

    longer = patch(api, f"/loops/{loop['id']}", {"response_window_days": 30})
    acknowledged = patch(api, f"/loops/{loop['id']}", {"status": "acknowledged"})
    no_outcome = patch(api, f"/loops/{loop['id']}", {"status": "closed"})
    closed = patch(api, f"/loops/{loop['id']}", {"status": "closed", "outcome": "done"})
    again = patch(api, f"/loops/{loop['id']}", {"status": "closed", "outcome": "done"})

    assert longer.json()["reply_due_at"] > loop["reply_due_at"]
    assert acknowledged.json()["status"] == "acknowledged"
    assert no_outcome.status_code == 400
    assert (closed.json()["status"], closed.json()["outcome"]) == ("closed", "done")
    assert again.status_code == 400
    assert "already closed" in again.json()["detail"]
    mine = api.get(f"{BASE}/loops", {"whose": "mine", "status": "open"}).json()["results"]
    assert [item["summary"] for item in mine] == ["A referral?"]
    assert api.delete(f"{BASE}/loops/{loop['id']}").status_code == 204
    assert not Loop.objects.filter(pk=loop["id"]).exists()


def test_gives_are_recorded_corrected_and_removed(api: Client, network: Network) -> None:
    made = post(
        api,
        "/gives",
        {
            "contact_id": network.lori.pk,
            "kind": "introduction",
            "direction": "out",
            "summary": "Intro to Sam",
        },
    )
    assert made.status_code == 201, made.content
    give = made.json()

    changed = patch(api, f"/gives/{give['id']}", {"kind": "referral", "direction": "in"})
    both_ways = post(
        api,
        "/gives",
        {"contact_id": network.lori.pk, "kind": "help", "direction": "both", "summary": "x"},
    )

    assert (changed.json()["kind"], changed.json()["direction"]) == ("referral", "in")
    assert both_ways.status_code == 422
    received = api.get(f"{BASE}/gives", {"direction": "in"}).json()["results"]
    assert {g["summary"] for g in received} == {"Pricing tips", "Intro to Sam"}
    assert api.delete(f"{BASE}/gives/{give['id']}").status_code == 204
    assert not Give.objects.filter(pk=give["id"]).exists()


def test_sharing_logs_a_message_and_a_give_and_never_twice(api: Client, network: Network) -> None:
    body = {"contact_id": network.sam.pk, "url": "https://type.example/kerning", "title": "Kerning"}

    made = post(api, "/shares", body)
    twice = post(api, "/shares", {**body, "url": "https://www.type.example/kerning/"})
    not_a_link = post(api, "/shares", {**body, "url": "javascript:alert(1)"})

    assert made.status_code == 201, made.content
    share = made.json()
    assert twice.status_code == 400
    assert "already shared" in twice.json()["detail"]
    assert not_a_link.status_code == 422
    timeline = api.get(f"{BASE}/interactions", {"contact": network.sam.pk}).json()["results"]
    assert timeline[0]["summary"] == "Shared “Kerning”"
    assert Give.objects.filter(contact=network.sam, kind="article").count() == 1
    noted = patch(api, f"/shares/{share['id']}", {"note": "Thought of you"})
    assert noted.json()["note"] == "Thought of you"
    assert api.get(f"{BASE}/shares", {"contact": network.sam.pk}).json()["count"] == 1
    assert api.delete(f"{BASE}/shares/{share['id']}").status_code == 204
    assert not Share.objects.filter(pk=share["id"]).exists()
    assert Interaction.objects.filter(summary="Shared “Kerning”").exists()


def test_deleting_a_contact_keeps_interactions_others_took_part_in(
    api: Client, network: Network
) -> None:
    assert api.delete(f"{BASE}/contacts/{network.lori.pk}").status_code == 204

    remaining = api.get(f"{BASE}/interactions").json()["results"]
    assert [i["summary"] for i in remaining] == ["Lunch"]
    assert remaining[0]["contact_ids"] == [network.sam.pk]


def test_today_is_the_today_page_as_json(
    api: Client, owner_client: Client, network: Network
) -> None:
    from_api = api.get(f"{BASE}/today").json()
    from_page = owner_client.get("/today.json").json()

    # The same moments, written the API's way (to the millisecond, with Z) and the page's.
    for today in (from_api, from_page):
        for item in today["waiting_on_you"] + today["silence"] + today["drifting"]:
            moment = datetime.fromisoformat(item["since"])
            item["since"] = moment.isoformat(timespec="milliseconds")
    assert from_api == from_page
    assert from_api["totals"]["waiting_on_you"] == 1
    assert from_api["waiting_on_you"][0]["contact"] == "Lori Chen"


def test_import_runs_are_listed_and_read_with_their_skips(api: Client, owner: User) -> None:
    from goodwill.network.models import ImportRun, ImportSkip

    run = ImportRun.objects.create(
        owner=owner, file_name="contacts.vcf", created_at=timezone.now(), status="done", added=3
    )
    ImportSkip.objects.create(owner=owner, run=run, location="card 4", reason="no name")

    listed = api.get(f"{BASE}/import-runs", {"status": "done"}).json()
    one = api.get(f"{BASE}/import-runs/{run.pk}").json()

    assert [r["file_name"] for r in listed["results"]] == ["contacts.vcf"]
    assert api.get(f"{BASE}/import-runs", {"status": "failed"}).json()["count"] == 0
    assert one["added"] == 3
    assert one["skips"] == [{"location": "card 4", "reason": "no name", "record_kept": False}]
    assert api.post(f"{BASE}/import-runs").status_code == 405


def test_the_openapi_document_and_docs_are_served(client: Client) -> None:
    document = client.get(f"{BASE}/openapi.json").json()
    docs = client.get(f"{BASE}/docs")

    assert document["info"]["title"] == "Goodwill API"
    assert "/api/v1/contacts/{contact_id}" in document["paths"]
    assert set(document["paths"]["/api/v1/contacts/{contact_id}"]) == {"get", "patch", "delete"}
    assert docs.status_code == 200
    assert "swagger" in docs.content.decode().lower()


def test_a_body_that_is_not_json_and_an_unknown_path_get_json_errors(api: Client) -> None:
    not_json = api.post(f"{BASE}/contacts", "full_name=Priya", content_type="text/plain")
    unknown = api.get(f"{BASE}/people")

    assert not_json.status_code == 400
    assert "not JSON" in not_json.json()["detail"]
    assert unknown.status_code == 404
    assert "/api/v1/people" in unknown.json()["detail"]
    assert not Contact.objects.exists()
