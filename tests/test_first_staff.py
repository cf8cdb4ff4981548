import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


@pytest.mark.django_db
def test_the_first_staff_account_is_created_once_and_its_password_shown(capsys):
    call_command("create_first_staff")
    out = capsys.readouterr().out
    user = get_user_model().objects.get()
    assert user.is_staff and user.is_superuser
    password = out.split("Password: ")[1].split()[0]
    assert user.check_password(password)

    call_command("create_first_staff")
    assert "no account was created" in capsys.readouterr().out
    assert get_user_model().objects.count() == 1
