"""Personal tokens: made on a page and shown once, kept hashed, revocable, checked on use."""

import re

from sangtao.api.models import ApiToken
from sangtao.api.services import token_hash
from sangtao.core.models import AuditEvent


def test_token_page_shows_a_new_token_once(client_for, people):
    client = client_for(people["author"])

    response = client.post("/api/tokens/", {"name": "Công cụ báo cáo"})

    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    raw = re.search(r'id="new-token">(st_[\w-]+)<', response.content.decode()).group(1)
    token = ApiToken.objects.get()
    assert token.token_hash == token_hash(raw) and raw not in token.token_hash
    assert token.prefix == raw[:10]
    assert token.name == "Công cụ báo cáo"
    page = client.get("/api/tokens/").content.decode()
    assert "Công cụ báo cáo" in page and raw not in page
    assert AuditEvent.objects.filter(action="api_token.create").count() == 1


def test_token_needs_a_name(client_for, people):
    response = client_for(people["author"]).post("/api/tokens/", {"name": "  "})

    assert "Trường này là bắt buộc." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_token_page_needs_sign_in(client, db):
    assert client.get("/api/tokens/").status_code == 302


def test_good_token_signs_the_request_in(client, people, bearer):
    response = client.get("/api/me", **bearer(people["author"]))

    assert response.status_code == 200
    assert response.json() == {
        "username": "tacgia",
        "full_name": "Nguyễn Văn tacgia",
        "unit_id": people["author"].unit_id,
        "roles": [
            {"role": "author", "unit_id": people["author"].unit_id, "unit": "Trường THCS Tân Hòa"}
        ],
    }
    assert ApiToken.objects.get().last_used_at is not None


def test_revoked_token_is_refused(client, client_for, people, bearer):
    headers = bearer(people["author"])
    token = ApiToken.objects.get()

    response = client_for(people["author"]).post(f"/api/tokens/{token.pk}/revoke/")

    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    refused = client.get("/api/me", **headers)
    assert refused.status_code == 401
    assert refused["WWW-Authenticate"] == "Bearer"
    assert refused.json()["detail"].startswith("Hãy gửi một mã truy cập cá nhân hợp lệ")


def test_someone_elses_token_cannot_be_revoked(client_for, people, bearer):
    bearer(people["author"])
    token = ApiToken.objects.get()

    response = client_for(people["outsider"]).post(f"/api/tokens/{token.pk}/revoke/")

    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_wrong_or_missing_token_is_refused(client, people, bearer):
    bearer(people["author"])
    for headers in (
        {},
        {"HTTP_AUTHORIZATION": "Bearer st_wrong"},
        {"HTTP_AUTHORIZATION": "Bearer "},
        {"HTTP_AUTHORIZATION": "Basic dGFjZ2lhOm1hdC1raGF1"},
        {"HTTP_AUTHORIZATION": "Bearer " + "x" * 5000},
    ):
        response = client.get("/api/me", **headers)
        assert response.status_code == 401, headers


def test_a_session_does_not_open_the_api(client_for, people):
    """Only tokens open the dossiers: a signed-in browser cannot be driven by another site."""
    assert client_for(people["author"]).get("/api/me").status_code == 401


def test_token_of_a_deactivated_account_is_refused(client, people, bearer):
    headers = bearer(people["author"])
    people["author"].is_active = False
    people["author"].save()

    assert client.get("/api/me", **headers).status_code == 401
