"""Accounts and their roles (Django groups created by a data migration)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

ROLES = ("reviewer", "editor", "admin")


@transaction.atomic
def user_create(*, username: str, role: str, password: str, email: str = ""):
    """Create a staff user in one role, or update the role and password of an existing one."""
    if role not in ROLES:
        raise ValidationError(
            f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.", code="unknown_role"
        )
    User = get_user_model()
    user = User.objects.filter(username=username).first() or User(username=username)
    validate_password(password, user)
    user.email = email or user.email
    user.is_staff = True
    user.is_superuser = role == "admin"
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    user.groups.set([Group.objects.get(name=role)])
    return user
