"""One English msgid, one Vietnamese text: no app's translation is hidden by another's.

Django merges all catalogues into one (scripts/msgid_collisions.py says how); where an English
word means two things the code gives it a context (`pgettext`, `{% translate … context … %}`).
"""

import importlib.util
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext, pgettext

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "msgid_collisions.py"
_spec = importlib.util.spec_from_file_location("msgid_collisions", SCRIPT)
msgid_collisions = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(msgid_collisions)

OURS = ("sangtao.", "LOCALE_PATHS:")


def test_collisions_no_project_catalogue_loses_its_translation():
    hidden = {
        (c.context, c.msgid): {s: c.texts[s] for s in c.losers() if s.startswith(OURS)}
        for c in msgid_collisions.collisions()
    }
    assert {key: texts for key, texts in hidden.items() if texts} == {}


def test_collisions_django_texts_are_replaced_only_by_core_on_purpose():
    """An app that translates one of Django's msgids changes Django's pages too (the file
    input's "Clear", the admin's "History"): only core's catalogue may, deliberately."""
    replaced = [
        (c.context, c.msgid)
        for c in msgid_collisions.collisions()
        if any(not s.startswith(OURS) for s in c.losers())
        and c.source.startswith(OURS)
        and c.source != "LOCALE_PATHS:core"
    ]
    assert replaced == []


def test_collisions_words_with_two_meanings_read_right_in_each_place():
    with translation.override("vi"):
        assert pgettext("score", "Total") == "Tổng điểm"
        assert gettext("Total") == "Cộng"
        assert gettext("History") == "Lịch sử"
        assert pgettext("yearbook", "Title") == "Tên ấn phẩm"
        assert pgettext("initiative", "Title") == "Tên sáng kiến"
        assert pgettext("actor", "Person") == "Người thực hiện"
        assert gettext("Person") == "Họ tên"
        assert pgettext("filter", "Clear") == "Bỏ lọc"
        assert gettext("Clear") == "Xóa"
        assert pgettext("notification", "Waiting") == "Đang chờ gửi"
        assert gettext("Waiting") == "Đang chờ"
        assert gettext("version") == "phiên bản"
