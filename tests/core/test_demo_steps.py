"""The demo's steps: each app's `demo.py` lists its own, the demo app runs them in order."""

from sangtao.demo.story import demo_steps


def test_demo_steps_tell_the_story_in_order_across_the_apps():
    assert [f"{step.__module__}.{step.__name__}" for step in demo_steps()] == [
        "sangtao.orgs.demo.tree",
        "sangtao.accounts.demo.admin",
        "sangtao.orgs.demo.committee",
        "sangtao.orgs.demo.units",
        "sangtao.orgs.demo.contacts",
        "sangtao.accounts.demo.people",
        "sangtao.movements.demo.movement",
        "sangtao.appraisal.demo.councils_2019",
        "sangtao.initiatives.demo.stories_2019",
        "sangtao.appraisal.demo.council_2019",
        "sangtao.certificates.demo.demo_extend",
        "sangtao.practices.demo.practices",
        "sangtao.activities.demo.activities",
        "sangtao.feedback.demo.feedback",
        "sangtao.consultations.demo.consultations",
        "sangtao.budget.demo.budget",
        "sangtao.honours.demo.demo_extend",
        "sangtao.orgs.demo.reform",
        "sangtao.appraisal.demo.councils_2026",
        "sangtao.activities.demo.activities_today",
        "sangtao.initiatives.demo.stories_2026",
        "sangtao.appraisal.demo.sheets_2026",
        "sangtao.challenges.demo.demo_extend",
        "sangtao.reports.demo.period_2026",
    ]
