"""The scope helpers: a role covers its unit and the subtree below it, nothing else."""

from sangtao.accounts.models import Role, RoleMembership, User
from sangtao.accounts.scope import forget, has_role, has_role_over, role_paths, scope_q
from sangtao.orgs.models import OrgUnit

from ..factories import make_user


def _usernames(user, roles) -> set[str]:
    """People whose own unit lies in the subtrees `user` covers with `roles`."""
    return set(User.objects.filter(scope_q(user, roles)).values_list("username", flat=True))


def test_has_role_over_is_true_at_the_unit_and_inside_its_subtree(tree, people):
    clerk = people["clerk"]  # clerk of the commune Tân Hòa

    assert has_role_over(clerk, {Role.CLERK}, tree["commune"]) is True
    assert has_role_over(clerk, {Role.CLERK}, tree["school"]) is True


def test_has_role_over_is_false_above_and_beside_the_subtree(tree, people):
    clerk = people["clerk"]

    assert has_role_over(clerk, {Role.CLERK}, tree["district"]) is False
    assert has_role_over(clerk, {Role.CLERK}, tree["province"]) is False
    assert has_role_over(clerk, {Role.CLERK}, tree["other_school"]) is False


def test_has_role_over_needs_one_of_the_roles_asked(tree, people):
    assert has_role_over(people["clerk"], {Role.OFFICER, Role.ADMIN}, tree["school"]) is False
    assert has_role_over(people["clerk"], {Role.OFFICER, Role.CLERK}, tree["school"]) is True


def test_has_role_over_no_unit_is_false(people):
    assert has_role_over(people["officer"], {Role.OFFICER}, None) is False


def test_has_role_over_a_unit_whose_path_only_shares_the_digits_is_false(tree):
    district = tree["district"]
    # "/1/2/3/" covers "/1/2/3/…" but not "/1/2/37/": every path ends with a slash.
    lookalike = OrgUnit(name="Lookalike", path=f"{district.path[:-1]}7/")
    person = make_user(roles=((Role.CLERK, district),))

    assert has_role_over(person, {Role.CLERK}, lookalike) is False
    assert has_role_over(person, {Role.CLERK}, OrgUnit(path=f"{district.path}7/")) is True


def test_scope_q_selects_exactly_the_subtree(tree, people):
    # Each person works in one unit; the district clerk covers Tân Hòa's commune and school.
    district_clerk = make_user(
        "vanthu.huyen", unit=tree["district"], roles=((Role.CLERK, tree["district"]),)
    )

    assert _usernames(district_clerk, {Role.CLERK}) == {
        "vanthu.huyen",  # the district itself
        "lanhdao",  # district
        "vanthu",  # commune
        "thuky",  # commune
        "tacgia",  # school
    }


def test_scope_q_without_a_matching_role_selects_nothing(tree, people):
    assert _usernames(people["author"], {Role.CLERK, Role.OFFICER}) == set()


def test_scope_q_joins_several_subtrees_and_keeps_the_outermost(tree, people):
    person = make_user(
        roles=(
            (Role.CLERK, tree["commune"]),
            (Role.LEADER, tree["district"]),  # contains the commune
            (Role.CLERK, tree["other_school"]),
        )
    )

    assert _usernames(person, {Role.CLERK, Role.LEADER}) == {
        "lanhdao",
        "vanthu",
        "thuky",
        "tacgia",
        "nguoingoai",
    }
    assert _usernames(person, {Role.CLERK}) == {"vanthu", "thuky", "tacgia", "nguoingoai"}


def test_role_paths_are_cached_until_forgotten(tree, people, django_assert_num_queries):
    officer = people["officer"]
    assert role_paths(officer) == {Role.OFFICER: [tree["province"].path]}
    RoleMembership.objects.create(user=officer, role=Role.LEADER, unit=tree["district"])

    with django_assert_num_queries(0):
        assert has_role(officer, {Role.LEADER}) is False
    forget(officer)
    assert has_role(officer, {Role.LEADER}) is True
