"""The public side's help: the help page (how to file, how councils score, how to verify a
certificate, whom to contact), a committee's public page with its contact, the links to the
certificate verification, the print stylesheet, and the ideas page's filters (the unit picker,
grades best first)."""

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from sangtao.accounts.models import Role
from sangtao.core.models import AuditEvent
from sangtao.movements.models import Grade
from sangtao.orgs.services import unit_contact_set

from ..factories import make_user

LIST = reverse("portal:list")


@pytest.fixture
def admin(tree):
    return make_user("quantri", unit=tree["province"], roles=((Role.ADMIN, tree["province"]),))


@pytest.fixture
def contact(tree, admin):
    return unit_contact_set(
        unit=tree["province"], email="mttq@tayninh.example.vn", phone="0276  3822 101", by=admin
    )


@pytest.mark.django_db
def test_help_page_explains_filing_scoring_verifying_and_contacts(client, contact):
    page = client.get(reverse("help")).content.decode()

    assert '<h1 class="h3 mb-3">Hướng dẫn và liên hệ</h1>' in page
    for heading in [
        "Cách đăng ký sáng kiến",
        "Hội đồng chấm điểm như thế nào",
        "Cách xác minh giấy chứng nhận",
        "Liên hệ với ai",
    ]:
        assert f'class="h4">{heading}</h2>' in page
    assert "mỗi tiêu chí từ 0 đến 20 điểm" in page
    assert '<dt class="col-sm-3">Tính mới</dt>' in page
    assert "Xuất sắc: từ 90 điểm" in page
    assert "Không đạt: dưới các mức trên" in page
    assert "viết hoa hay viết thường đều được" in page
    assert reverse("certificates:verify_form") in page
    assert '<a href="mailto:mttq@tayninh.example.vn">mttq@tayninh.example.vn</a>' in page
    assert '<a href="tel:02763822101">0276 3822 101</a>' in page
    assert reverse("portal:committee", args=[contact.pk]) in page


@pytest.mark.django_db
def test_help_page_lists_only_committees_with_a_contact(client, contact, tree):
    page = client.get(reverse("help")).content.decode()

    assert "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh" in page
    assert "Ủy ban MTTQ Việt Nam huyện Tân Châu" not in page


@pytest.mark.django_db
def test_committee_page_shows_its_contact(client, contact):
    page = client.get(reverse("portal:committee", args=[contact.pk])).content.decode()

    assert "Ủy ban MTTQ Việt Nam tỉnh Tây Ninh</h1>" in page
    assert "mailto:mttq@tayninh.example.vn" in page
    assert f"{LIST}?unit={contact.pk}" in page


@pytest.mark.django_db
def test_committee_page_without_contact_says_whom_to_ask(client, tree):
    page = client.get(reverse("portal:committee", args=[tree["district"].pk])).content.decode()

    assert "Ủy ban này chưa công bố địa chỉ liên hệ" in page


@pytest.mark.django_db
def test_a_school_has_no_committee_page(client, tree):
    assert client.get(reverse("portal:committee", args=[tree["school"].pk])).status_code == 404


@pytest.mark.django_db
def test_setting_a_contact_is_audited_and_refused_to_others(tree, contact, people):
    event = AuditEvent.objects.get(action="unit.contact")
    assert event.data == {"email": "mttq@tayninh.example.vn", "phone": "0276 3822 101"}
    with pytest.raises(PermissionDenied):
        unit_contact_set(unit=tree["province"], email="", phone="", by=people["author"])


@pytest.mark.django_db
def test_certificate_verification_is_linked_from_home_footer_and_ideas(client):
    verify = reverse("certificates:verify_form")
    home = client.get(reverse("home")).content.decode()
    ideas = client.get(LIST).content.decode()
    assert home.count(f'href="{verify}"') == 2  # the home's card and the footer
    assert ideas.count(f'href="{verify}"') == 2  # above the search and the footer
    footer = home[home.index("<footer") :]
    assert f'href="{reverse("help")}"' in footer


@pytest.mark.django_db
def test_every_page_links_the_print_stylesheet(client):
    page = client.get(reverse("help")).content.decode()
    assert 'href="/static/core/print.css" media="print"' in page
    css = open(finders.find("core/print.css"), encoding="utf-8").read()
    assert "size: A4;" in css
    assert 'content: counter(page) " / " counter(pages);' in css
    assert "nav, .navbar, footer" in css


# --- the ideas page's filters ------------------------------------------------------------------


@pytest.mark.django_db
def test_ideas_filters_fold_behind_one_button(client):
    page = Client().get(LIST).content.decode()
    assert '<details class="portal-filters mb-2" data-open-wide>' in page
    assert "Bộ lọc</summary>" in page
    counted = client.get(LIST, {"year": "2018", "kind": "idea"}).content.decode()
    assert '<span class="badge text-bg-primary">2</span>' in counted


@pytest.mark.django_db
def test_ideas_grades_are_ordered_best_first(client, movement):
    Grade.objects.create(movement=movement, name="Đạt", min_total=10)
    page = client.get(LIST).content.decode()
    grades = list(Grade.objects.filter(movement=movement).order_by("-min_total"))
    positions = [page.index(f">{grade.name}</option>") for grade in grades]
    assert positions == sorted(positions)
    assert [grade.name for grade in grades] == ["Xuất sắc", "Khá", "Đạt"]


@pytest.mark.django_db
def test_ideas_unit_words_of_one_unit_filter_by_it_without_javascript(client, publish, tree):
    here = publish(title="Sáng kiến của trường Tân Hòa", unit=tree["school"])
    there = publish(title="Sáng kiến của trường Gò Dầu", unit=tree["other_school"])

    page = client.get(LIST, {"unit__q": "huyen tan chau"}).content.decode()

    assert str(here.public_id) in page
    assert str(there.public_id) not in page
    assert f'value="{tree["district"].pk}" id="id_unit_chosen" checked' in page


@pytest.mark.django_db
def test_ideas_unit_words_of_several_units_offer_them_to_pick(client, publish, tree):
    page = client.get(LIST, {"unit__q": "uy ban huyen"}).content.decode()

    assert "Nhiều đơn vị khớp: hãy chọn một đơn vị bên dưới ô tìm." in page
    assert f'value="{tree["district"].pk}" id="pick_unit_{tree["district"].pk}"' in page
    assert f'value="{tree["other_district"].pk}"' in page


@pytest.mark.django_db
def test_ideas_unit_words_of_no_unit_say_so(client, tree):
    page = client.get(LIST, {"unit__q": "khong co dau"}).content.decode()
    assert "Không có đơn vị nào có tên chứa các từ này." in page


@pytest.mark.django_db
def test_ideas_unit_picker_answers_at_most_twenty(client, tree):
    from ..factories import make_unit

    for number in range(25):
        make_unit(f"Trường Tiểu học Số {number}", parent=tree["commune"], kind_code="school")
    response = client.get(reverse("portal:unit_pick"), {"unit__q": "truong tieu hoc"})
    page = response.content.decode()
    assert page.count('type="radio" name="unit"') == 20
    assert "Còn đơn vị khác khớp" in page or "gõ thêm" in page
    few = client.get(reverse("portal:unit_pick"), {"unit__q": "tan chau"}).content.decode()
    assert few.count('type="radio" name="unit"') == 1
