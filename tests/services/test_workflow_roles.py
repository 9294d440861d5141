"""Roles: the groups the migrations create, user_create, and `manage.py create_user`."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from claims.services.accounts import user_create
from claims.services.workflow.rules import is_editor, is_reviewer

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery-staple-9"


def codenames(group: str) -> set[str]:
    return set(Group.objects.get(name=group).permissions.values_list("codename", flat=True))


def test_the_migrations_create_three_groups_with_their_permissions():
    reviewer, editor, admin = codenames("reviewer"), codenames("editor"), codenames("admin")
    assert {"review_claim", "add_source", "add_verdict", "add_comment"} <= reviewer
    assert not {"decide_claim", "delete_source", "delete_claim"} & reviewer
    assert reviewer | {"decide_claim", "delete_source", "change_article"} <= editor
    assert "delete_claim" not in editor
    assert editor | {"delete_claim", "delete_article"} <= admin


@pytest.mark.parametrize(
    ("role", "reviews", "decides", "superuser"),
    [("reviewer", True, False, False), ("editor", True, True, False), ("admin", True, True, True)],
)
def test_user_create_puts_a_staff_user_in_one_role(role, reviews, decides, superuser):
    user = user_create(username=f"pat_{role}", role=role, password=PASSWORD)
    user = get_user_model().objects.get(pk=user.pk)
    assert user.is_staff and user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == [role]
    assert (is_reviewer(user), is_editor(user), user.is_superuser) == (reviews, decides, superuser)


def test_user_create_again_changes_the_role_and_password():
    user_create(username="pat", role="admin", password=PASSWORD)
    user = user_create(username="pat", role="reviewer", password=PASSWORD + "!")
    user = get_user_model().objects.get(pk=user.pk)
    assert not user.is_superuser and not is_editor(user)
    assert list(user.groups.values_list("name", flat=True)) == ["reviewer"]
    assert user.check_password(PASSWORD + "!")
    assert get_user_model().objects.filter(username="pat").count() == 1


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"role": "owner"}, "unknown_role"),
        ({"password": "short"}, "password_too_short"),
        ({"password": "password123"}, "password_too_common"),
        ({"username": "bad name!"}, "invalid"),
    ],
)
def test_user_create_refuses_bad_input_and_writes_nothing(fields, code):
    with pytest.raises(ValidationError) as refused:
        user_create(**{"username": "pat", "role": "reviewer", "password": PASSWORD, **fields})
    found = (
        [e.code for e in refused.value.error_list]
        if hasattr(refused.value, "error_list")
        else [e.code for errors in refused.value.error_dict.values() for e in errors]
    )
    assert code in found
    assert not get_user_model().objects.exists()


def test_create_user_reads_the_password_from_the_environment(monkeypatch):
    monkeypatch.setenv("FACTCHECK_PASSWORD", PASSWORD)
    out = io.StringIO()
    call_command("create_user", "rita", "--role", "reviewer", stdout=out)
    assert out.getvalue().strip() == "User 'rita' is a reviewer."
    assert get_user_model().objects.get(username="rita").check_password(PASSWORD)


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_create_user_asks_twice_in_a_terminal(monkeypatch):
    monkeypatch.delenv("FACTCHECK_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", Terminal())
    answers = iter([PASSWORD, PASSWORD, PASSWORD, "something else entirely"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    call_command("create_user", "edna", "--role", "editor", stdout=io.StringIO())
    assert get_user_model().objects.get(username="edna").check_password(PASSWORD)
    with pytest.raises(CommandError, match="do not match"):
        call_command("create_user", "omar", "--role", "editor", stdout=io.StringIO())
    assert not get_user_model().objects.filter(username="omar").exists()


def test_create_user_without_a_password_or_a_terminal_says_what_to_do(monkeypatch):
    monkeypatch.delenv("FACTCHECK_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO())
    with pytest.raises(CommandError, match="FACTCHECK_PASSWORD"):
        call_command("create_user", "nora", "--role", "reviewer")


def test_create_user_reports_a_weak_password(monkeypatch):
    monkeypatch.setenv("FACTCHECK_PASSWORD", "abc")
    with pytest.raises(CommandError, match="too short"):
        call_command("create_user", "nora", "--role", "reviewer")
