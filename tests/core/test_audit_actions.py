"""Every action the platform records has a Vietnamese sentence: no page shows a raw code."""

import ast
from pathlib import Path

from django.utils import translation

from sangtao.core.audit import ACTIONS, action_sentence
from sangtao.initiatives.states import TRANSITIONS
from sangtao.movements.models import Criterion, Field, Milestone

MOVEMENT_PARTS = [model._meta.model_name for model in (Field, Criterion, Milestone)]

# audit_record, the register helpers that record the `action` given (registers.writes, files)
# and core.services.state_move
RECORDERS = {
    "audit_record",
    "save_row",
    "save_kept_changes",
    "delete_row",
    "file_attach",
    "file_remove",
    "state_move",
}

SRC = Path(__file__).resolve().parents[2] / "src" / "sangtao"


def _recorded_actions() -> tuple[set[str], list[str]]:
    """Every action code passed to `audit_record` (or another RECORDER) in src, and the calls
    this test cannot read (an action built at run time other than a transition row's
    `row.action`)."""
    codes, unread = set(), []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") in RECORDERS):
                continue
            action = next((k.value for k in node.keywords if k.arg == "action"), None)
            if isinstance(action, ast.Name) and action.id == "action":
                continue  # a helper passing its own `action` on: its callers are read
            if isinstance(action, ast.Attribute) and action.attr == "action":
                # The transition engine records the `action` of a row of the table.
                codes |= {row.action for row in TRANSITIONS.values()}
                continue
            if isinstance(action, ast.JoinedStr):
                prefix = action.values[0]
                if isinstance(prefix, ast.Constant) and prefix.value == "initiative.":
                    codes |= {f"initiative.{name}" for name in TRANSITIONS}
                    continue
                suffix = action.values[-1]
                if (
                    isinstance(prefix, ast.FormattedValue)
                    and getattr(prefix.value, "id", "") == "kind"
                    and isinstance(suffix, ast.Constant)
                ):
                    # movements' ordered parts: "<model name>.<verb>" (services._kind)
                    codes |= {f"{kind}{suffix.value}" for kind in MOVEMENT_PARTS}
                    continue
            strings = (
                [
                    n.value
                    for n in ast.walk(action)
                    if isinstance(n, ast.Constant) and isinstance(n.value, str)
                ]
                if action is not None
                else []
            )
            if not strings:
                unread.append(f"{path.relative_to(SRC)}:{node.lineno}")
            codes.update(strings)
    return codes, unread


def test_every_recorded_action_has_a_sentence():
    codes, unread = _recorded_actions()

    assert not unread, f"action codes this test cannot read: {unread}"
    assert len(codes) > 70
    assert sorted(codes - set(ACTIONS)) == []


def test_action_sentences_are_vietnamese():
    with translation.override("en"):
        english = {code: action_sentence(code) for code in ACTIONS}
    with translation.override("vi"):
        assert action_sentence("sheet.submit") == "Đã nộp phiếu chấm."
        assert action_sentence("assignment.create") == (
            "Đã phân công một thành viên hội đồng chấm sáng kiến."
        )
        assert action_sentence("no.such_code") == "Một bước đã được ghi lại."
        assert [code for code in ACTIONS if action_sentence(code) == english[code]] == []
