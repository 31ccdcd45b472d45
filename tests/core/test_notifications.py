"""Notification e-mails: a reason on several lines is a reason, and no e-mail is lost.

`core.services.notify` writes each e-mail to the outbox with the change it tells of, sends it
after the commit, and `manage.py emails_send` tries again those that failed. Checked with
Django's locmem backend, with a real SMTP server on 127.0.0.1 (tests/core/smtp.py) and with a
port where nothing listens.
"""

import datetime
import logging

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from sangtao.core import services
from sangtao.core.models import Notification, OutgoingEmail
from sangtao.initiatives import services as initiative_services
from sangtao.initiatives.models import Initiative
from sangtao.initiatives.states import State

from ..factories import ONE_AUTHOR, complete_dossier
from .smtp import SmtpSink, closed_port

TWO_LINES = "Dòng một\nDòng hai"
TITLE = "Ứng dụng phần mềm quản lý hồ sơ hội viên"
RETURNED = f"Sáng kiến “{TITLE}” của bạn đã được trả lại để bổ sung, chỉnh sửa: "


@pytest.fixture
def submitted(movement, tree, people):
    initiative = initiative_services.initiative_create(
        by=people["author"], data=complete_dossier(movement, tree["school"]), authors=ONE_AUTHOR
    )
    initiative_services.initiative_submit(initiative=initiative, by=people["author"])
    return initiative


@pytest.fixture
def smtp(settings):
    with SmtpSink() as sink:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        yield sink


@pytest.fixture
def smtp_down(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""


def _return(client_for, people, initiative, reason: str):
    return client_for(people["clerk"]).post(
        f"/initiatives/{initiative.public_id}/return/", {"reason": reason}
    )


# --- the subject is one line, the reason is in the body ------------------------------------


def test_email_subject_is_the_first_line_without_control_characters():
    assert services.email_subject("Trả lại: Dòng một\r\nDòng hai\tba") == (
        "[Sáng tạo] Trả lại: Dòng một"
    )
    assert services.email_subject("\n\nChữ\x00 sau\u2028dòng khác") == "[Sáng tạo] Chữ sau"
    long = services.email_subject("ý" * 200)
    assert len(long) == 150
    assert long.endswith("ý…")


def test_return_with_two_lines_sends_a_one_line_subject_and_the_reason_in_the_body(
    client_for, people, submitted, django_capture_on_commit_callbacks, settings
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = _return(client_for, people, submitted, TWO_LINES)
    assert response.status_code == 302
    assert Initiative.objects.get(pk=submitted.pk).state == State.RETURNED
    [message] = mail.outbox
    assert message.to == ["tacgia@example.vn"]
    assert message.subject == f"[Sáng tạo] {RETURNED}Dòng một"
    assert message.body == (
        f"{RETURNED}Dòng một\nDòng hai\n\n{settings.SITE_URL}/initiatives/{submitted.public_id}/\n"
    )
    note = Notification.objects.get(recipient=people["author"])
    assert note.message == f"{RETURNED}Dòng một\nDòng hai"
    email = OutgoingEmail.objects.get(to="tacgia@example.vn")
    assert (email.status, email.attempts, email.last_error) == ("sent", 1, "")


def test_a_long_reason_is_kept_whole_in_the_notification(
    client_for, people, submitted, django_capture_on_commit_callbacks
):
    reason = "Thiếu số liệu. " * 130  # 1,950 characters, within the form's 2,000
    with django_capture_on_commit_callbacks(execute=True):
        response = _return(client_for, people, submitted, reason.strip())
    assert response.status_code == 302
    note = Notification.objects.get(recipient=people["author"])
    assert note.message == f"{RETURNED}{reason.strip()}"
    assert len(mail.outbox[-1].subject) == 150


# --- a real SMTP server, and one that is down ------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_return_with_two_lines_reaches_a_real_smtp_server(
    reference_data, smtp, client_for, movement, tree, people, submitted, settings
):
    """The request commits for real; the e-mail goes out as the page answers."""
    response = _return(client_for, people, submitted, TWO_LINES)
    assert response.status_code == 302
    assert Initiative.objects.get(pk=submitted.pk).state == State.RETURNED
    [message] = [m for m in smtp.messages if m["To"] == "tacgia@example.vn"]
    assert message["Subject"].strip() == f"[Sáng tạo] {RETURNED}Dòng một"
    assert message.get_content().replace("\r\n", "\n") == (
        f"{RETURNED}Dòng một\nDòng hai\n\n{settings.SITE_URL}/initiatives/{submitted.public_id}/\n"
    )
    assert OutgoingEmail.objects.get(to="tacgia@example.vn").status == "sent"


@pytest.mark.django_db(transaction=True)
def test_smtp_down_keeps_the_email_logs_it_and_the_page_answers(
    reference_data, smtp_down, client_for, movement, tree, people, submitted, caplog, settings
):
    with caplog.at_level(logging.WARNING, logger="sangtao.mail"):
        response = _return(client_for, people, submitted, TWO_LINES)
    assert response.status_code == 302
    assert Initiative.objects.get(pk=submitted.pk).state == State.RETURNED
    email = OutgoingEmail.objects.get(to="tacgia@example.vn")
    assert (email.status, email.attempts) == ("failed", 1)
    assert "ConnectionRefusedError" in email.last_error
    assert email.next_attempt_at - email.last_attempt_at == datetime.timedelta(minutes=5)
    [line] = [r for r in caplog.records if r.name == "sangtao.mail"]
    assert line.levelname == "WARNING"
    assert f"E-mail {email.pk} " in line.getMessage()
    assert "attempt 1 of 10" in line.getMessage()
    # Not due yet: the retry leaves it alone.
    call_command("emails_send", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert OutgoingEmail.objects.get(pk=email.pk).attempts == 1
    # The server is back and the pause is over: the retry sends it, once.
    with SmtpSink() as sink:
        settings.EMAIL_PORT = sink.port
        OutgoingEmail.objects.filter(pk=email.pk).update(next_attempt_at=timezone.now())
        call_command("emails_send", stdout=open("/dev/null", "w"))  # noqa: SIM115
        call_command("emails_send", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [message] = sink.messages
    assert message["Subject"].strip() == f"[Sáng tạo] {RETURNED}Dòng một"
    email.refresh_from_db()
    assert (email.status, email.attempts, email.last_error) == ("sent", 2, "")


# --- the retry path ---------------------------------------------------------------------------


def test_an_email_not_sent_before_a_crash_is_sent_by_the_retry(
    people, django_capture_on_commit_callbacks
):
    """The change committed, then the process died before sending: the outbox has it."""
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=False):
        services.notify(recipients=[people["author"]], message="Có việc mới", url="/x/")
    assert mail.outbox == []
    out = call_command_output("emails_send")
    assert out == "1 sent, 0 failed (tried again later), 0 given up\n"
    [message] = mail.outbox
    assert (message.subject, message.to) == ("[Sáng tạo] Có việc mới", ["tacgia@example.vn"])
    assert (
        call_command_output("emails_send") == "0 sent, 0 failed (tried again later), 0 given up\n"
    )


def test_an_email_left_being_sent_by_a_dead_process_is_sent_again(people):
    services.notify(recipients=[people["author"]], message="Có việc mới")
    mail.outbox.clear()
    long_ago = timezone.now() - datetime.timedelta(minutes=20)
    OutgoingEmail.objects.update(status="sending", attempts=1, last_attempt_at=long_ago)
    services.emails_send()
    assert len(mail.outbox) == 1
    assert OutgoingEmail.objects.get().attempts == 2
    # One being sent right now by another process is left to it.
    OutgoingEmail.objects.update(status="sending", last_attempt_at=timezone.now())
    assert services.emails_send() == {"sent": 0, "failed": 0, "abandoned": 0}


def test_an_email_is_given_up_after_ten_attempts_and_logged_as_an_error(people, smtp_down, caplog):
    services.notify(recipients=[people["author"]], message="Có việc mới")
    OutgoingEmail.objects.update(status="failed", attempts=9)
    with caplog.at_level(logging.WARNING, logger="sangtao.mail"):
        assert services.emails_send() == {"sent": 0, "failed": 0, "abandoned": 1}
    email = OutgoingEmail.objects.get()
    assert (email.status, email.attempts) == ("abandoned", 10)
    [line] = [r for r in caplog.records if r.name == "sangtao.mail"]
    assert line.levelname == "ERROR"
    assert "given up after 10 attempts" in line.getMessage()
    assert services.emails_send() == {"sent": 0, "failed": 0, "abandoned": 0}


def test_pauses_between_attempts_double_up_to_six_hours(people, smtp_down):
    services.notify(recipients=[people["author"]], message="Có việc mới")
    pauses = []
    for _ in range(9):
        OutgoingEmail.objects.update(next_attempt_at=timezone.now())
        services.emails_send()
        email = OutgoingEmail.objects.get()
        pauses.append(round((email.next_attempt_at - email.last_attempt_at).total_seconds() / 60))
    assert pauses == [5, 10, 20, 40, 80, 160, 320, 360, 360]


def call_command_output(name: str) -> str:
    import io

    out = io.StringIO()
    call_command(name, stdout=out)
    return out.getvalue()
