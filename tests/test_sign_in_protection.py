"""Guessing an editor's password is stopped after a few tries."""

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")
PASSWORD = "correct horse battery staple"


def attempt(client, password, address="192.0.2.10"):
    return client.post(
        LOGIN,
        {"username": "editor", "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


@override_settings(AXES_ENABLED=True)
def test_five_wrong_passwords_lock_the_account_out_from_that_address(client):
    UserFactory(username="editor", groups=["Editors"])
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert attempt(client, "guess").status_code == 200
    locked = attempt(client, "guess")
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    # Even the right password is refused now.
    assert attempt(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(AXES_ENABLED=True)
def test_lockout_is_for_the_username_and_address_together(client):
    UserFactory(username="editor", groups=["Editors"])
    for _ in range(5):
        attempt(client, "guess")
    response = attempt(client, PASSWORD, address="198.51.100.20")
    assert response.status_code == 302
    assert client.session["_auth_user_id"]


@override_settings(AXES_ENABLED=True)
def test_right_password_before_the_limit_signs_in(client):
    UserFactory(username="editor", groups=["Editors"])
    for _ in range(3):
        attempt(client, "guess")
    assert attempt(client, PASSWORD).status_code == 302
