"""Who may use the dashboard: loopback Host only by default, a token off loopback, and no
form may be posted from another site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from brandaudit.dashboard.app import create_app
from brandaudit.dashboard.security import Access
from brandaudit.triage import TriageStore

HOST = "127.0.0.1:8765"
FORM = {"finding_id": "a", "status": "false_alarm", "reason": "quoted", "who": "Ede"}


@pytest.fixture
def client(tmp_path: Path) -> FlaskClient:
    return create_app(tmp_path / "h.sqlite").test_client()


def _csrf(client: FlaskClient) -> str:
    page = client.get("/schedules", headers={"Host": HOST}).get_data(as_text=True)
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def test_only_a_loopback_host_is_served(client: FlaskClient) -> None:
    assert client.get("/", headers={"Host": HOST}).status_code == 200
    assert client.get("/", headers={"Host": "localhost:8765"}).status_code == 200
    assert client.get("/", headers={"Host": "rebound.example:8765"}).status_code == 400


def test_a_same_origin_form_with_its_token_is_accepted(client: FlaskClient, tmp_path) -> None:
    token = _csrf(client)
    sent = client.post("/triage", data={**FORM, "csrf": token},
                       headers={"Host": HOST, "Origin": f"http://{HOST}"})  # fmt: skip
    assert sent.status_code == 302
    assert TriageStore(tmp_path / "h.sqlite").current()["a"].who == "Ede"


@pytest.mark.parametrize(
    ("headers", "with_token"),
    [({"Origin": "http://evil.example"}, True),  # another site, even with a stolen token
     ({}, True),  # neither Origin nor Referer
     ({"Origin": f"http://{HOST}"}, False)],  # same origin, no form token
)  # fmt: skip
def test_cross_site_posts_are_refused(client: FlaskClient, tmp_path: Path, headers: dict,
                                      with_token: bool) -> None:  # fmt: skip
    data = {**FORM, "csrf": _csrf(client) if with_token else ""}
    sent = client.post("/triage", data=data, headers={"Host": HOST, **headers})
    assert sent.status_code == 403
    assert TriageStore(tmp_path / "h.sqlite").current() == {}


def test_off_loopback_a_token_is_required(tmp_path: Path) -> None:
    app = create_app(tmp_path / "h.sqlite", Access("0.0.0.0", 8765, "s3cret-token"))
    client = app.test_client()
    host = {"Host": "10.1.2.3:8765"}
    assert client.get("/", headers=host).status_code == 401
    assert client.get("/?token=wrong", headers=host).status_code == 401
    assert (
        client.get("/", headers={**host, "Authorization": "Bearer s3cret-token"}).status_code == 200
    )
    first = client.get("/?token=s3cret-token", headers=host)
    assert first.status_code == 302 and "token" not in first.headers["Location"]
    assert client.get("/", headers=host).status_code == 200  # the cookie carries it now
