"""The curated dictionary of the novelty check (`initiatives/data/novelty_synonyms.csv`): every
row well formed, no word read two ways, and the pairs users rely on judged as they expect."""

import csv

import pytest

from sangtao.initiatives import novelty
from sangtao.orgs.text import fold

KINDS = {"synonym", "abbreviation", "phrase"}
SOURCES = {
    "admin",
    "health",
    "edu",
    "agri",
    "army",
    "police",
    "econ",
    "religion",
    "everyday",
    "regional",
}


def _rows() -> list[dict]:
    with open(novelty.DATA / "novelty_synonyms.csv", encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    return list(csv.DictReader(lines))


def _flagged(mine: str, theirs: str) -> bool:
    judge = novelty.model()
    return judge.probability(novelty.compare(mine, theirs).features) >= judge.threshold


def test_dictionary_rows_have_a_known_kind_and_source():
    rows = _rows()
    assert len(rows) > 900
    assert {row["kind"] for row in rows} <= KINDS
    assert {row["source"] for row in rows} <= SOURCES
    assert all(row["variant"].strip() and row["canonical"].strip() for row in rows)
    assert all("|" not in row["canonical"] for row in rows if row["kind"] != "abbreviation")


def test_dictionary_reads_no_variant_two_ways():
    canonicals: dict[tuple, set[str]] = {}
    for row in _rows():
        canonicals.setdefault(tuple(fold(row["variant"]).split()), set()).add(row["canonical"])
    assert {variant: found for variant, found in canonicals.items() if len(found) > 1} == {}


def test_dictionary_maps_no_word_to_itself_except_phrases():
    same = [
        row["variant"]
        for row in _rows()
        if row["kind"] != "phrase" and row["variant"].lower() == row["canonical"].lower()
    ]
    assert same == []
    # a canonical never holds its own variant: it would be replaced again ("rác" -> "rác thải");
    # one word as written with its tones, several words folded
    grown = []
    for row in _rows():
        variant, canonical = row["variant"].lower(), row["canonical"].lower()
        if row["kind"] != "synonym" or fold(variant) == fold(canonical):  # "hằng năm": spelling
            continue
        if len(variant.split()) == 1:
            held = variant in canonical.split()
        else:
            held = f" {fold(variant)} " in f" {fold(canonical)} "
        if held:
            grown.append(row["variant"])
    assert grown == []


def test_dictionary_loads_once():
    """Read from its file once per process; its load time is printed by bench/novelty.py."""
    novelty.dictionary.cache_clear()
    novelty._sizes.cache_clear()
    entries = novelty.dictionary()
    novelty._sizes()
    assert entries[("cntt",)].canonical == (
        ("cong", "công"),
        ("nghe", "nghệ"),
        ("thong", "thông"),
        ("tin", "tin"),
    )
    assert novelty.dictionary() is entries


def test_acronyms_written_in_parts_and_old_tone_marks_read_alike():
    assert novelty.normalised("KH&CN, KT-XH, COVID-19, Hoà giải, thuỷ sản, quý") == (
        "KHCN, KTXH, COVID-19, Hòa giải, thủy sản, quý"
    )
    assert [(w.key, w.weight) for w in novelty.words("Ứng dụng KH&CN")] == [
        ("ung", 1.0),
        ("dung", 1.0),
        ("khoa", 1.0),
        ("hoc", 1.0),
        ("va", 0.0),
        ("cong", 1.0),
        ("nghe", 1.0),
    ]


def test_a_kept_phrase_is_not_split_by_a_shorter_synonym():
    # "bắp" alone is maize ("ngô"), "bắp cải" is cabbage; "bán" is selling, "bán trú" is not
    assert [w.shown for w in novelty.words("Trồng bắp cải, heo và bán trú")] == [
        "trồng",
        "bắp cải",
        "lợn",
        "và",
        "bán trú",
    ]


@pytest.mark.parametrize(
    ("mine", "theirs"),
    [
        (
            "Ứng dụng CNTT trong quản lý hồ sơ HTX",
            "Ứng dụng công nghệ thông tin trong quản lý hồ sơ hợp tác xã",
        ),
        (
            "Ứng dụng KH&CN trong sản xuất lúa",
            "Ứng dụng khoa học và công nghệ trong sản xuất lúa",
        ),
        (
            "Phát triển KT-XH vùng ĐBSCL",
            "Phát triển kinh tế xã hội vùng đồng bằng sông Cửu Long",
        ),
        ("Phòng chống SXH tại KDC", "Phòng chống sốt xuất huyết tại khu dân cư"),
        ("Nuôi heo an toàn sinh học tại hộ gia đình", "Nuôi lợn an toàn sinh học tại hộ gia đình"),
        ("Trồng khoai mì xen đậu phộng trên đất dốc", "Trồng sắn xen lạc trên đất dốc"),
        ("Dạy học môn Toán lớp một qua trò chơi", "Dạy học môn Toán lớp 1 qua trò chơi"),
        ("Giáo dục kỹ năng sống cho học sinh cấp 2", "Giáo dục KNS cho học sinh THCS"),
        ("Nâng cao sức khoẻ người cao tuổi", "Nâng cao sức khỏe người cao tuổi"),
        ("Kê toa thuốc điện tử tại phòng khám", "Kê đơn thuốc điện tử tại phòng khám"),
        (
            "Tu sửa nhà văn hóa ấp bằng vật liệu tái chế",
            "Sửa chữa nhà văn hóa thôn bằng vật liệu tái chế",
        ),
        ("Bảo dưỡng máy bơm nước cho hợp tác xã", "Bảo trì máy bơm nước cho HTX"),
        ("Tầm soát ung thư cổ tử cung cho phụ nữ", "Sàng lọc ung thư cổ tử cung cho phụ nữ"),
        ("Trồng khổ qua trên giàn lưới", "Trồng mướp đắng trên giàn lưới"),
        ("Làm xà bông từ dầu ăn đã qua sử dụng", "Làm xà phòng từ dầu ăn đã qua sử dụng"),
        (
            "Công ty TNHH MTV cơ khí cải tiến máy cắt",
            "Công ty trách nhiệm hữu hạn một thành viên cơ khí cải tiến máy cắt",
        ),
        (
            "Tăng cường vai trò Đồn BP trong tuần tra",
            "Tăng cường vai trò đồn biên phòng trong tuần tra",
        ),
        ("Biểu dương học sinh giỏi cấp II", "Khen thưởng học sinh giỏi trung học cơ sở"),
        ("Phòng chống COVID-19 tại trường học", "Phòng chống Covid tại trường"),
    ],
)
def test_a_synonym_or_acronym_rewording_is_flagged(mine, theirs):
    assert _flagged(mine, theirs)
    assert _flagged(theirs, mine)


@pytest.mark.parametrize(
    ("mine", "theirs"),
    [
        ("Nuôi tôm thẻ chân trắng trong ao lót bạt", "Nuôi tôm sú trong ao lót bạt"),
        ("Trồng bắp cải theo hướng hữu cơ", "Trồng ngô theo hướng hữu cơ"),
        ("Trồng lạc trên đất cát ven biển", "Trồng vừng trên đất cát ven biển"),
        ("Hỗ trợ hộ nghèo phát triển sinh kế", "Hỗ trợ hộ cận nghèo phát triển sinh kế"),
        ("Sản xuất gạch nung từ đất sét", "Sản xuất gạch không nung từ đất sét"),
        ("Dạy học môn Toán lớp 6 qua trò chơi", "Dạy học môn Toán lớp 7 qua trò chơi"),
        (
            "Tuyên truyền phòng chống ma túy cho học sinh THPT",
            "Tuyên truyền phòng chống ma túy cho học sinh THCS",
        ),
        ("Trồng bí ngô trên đất bãi", "Trồng ngô trên đất bãi"),
        ("Trồng ngò gai trong nhà lưới", "Trồng rau mùi trong nhà lưới"),
        ("Xây nhà đại đoàn kết cho hộ nghèo", "Xây nhà tình nghĩa cho hộ nghèo"),
        ("Máy ấp trứng gà bằng điện mặt trời", "Máy ấp trứng vịt bằng điện mặt trời"),
        ("Hỗ trợ hộ nghèo ở ấp Tân Lợi", "Hỗ trợ hộ cận nghèo ở ấp Tân Lợi"),
    ],
)
def test_a_near_topic_title_is_not_flagged(mine, theirs):
    assert not _flagged(mine, theirs)
    assert not _flagged(theirs, mine)


@pytest.mark.parametrize(
    "text",
    [
        "sổ điện tử",  # not "số điện" (kWh)
        "chỉ huy bộ đội",  # not "hủy bỏ"
        "chăm sóc",  # not "sóc" (a Khmer hamlet)
        "hướng dẫn bà mẹ",  # not "đàn bà"
        "công trình chiếu sáng",  # not "trình chiếu"
        "máy đập lúa",  # not "dập lửa"
        "đồ đạc",  # not "đo đạc"
        "tuổi tiểu học",  # not "tưới tiêu"
        "thứ trưởng",  # not "thủ trưởng"
        "sự thay đổi",  # not "sư thầy"
        "bài tập",  # not "bãi tập"
        "phường An Phú",  # not "phương án"
        "trẻ hen",  # not "trễ hẹn"
        "đổi trả",  # not "đồi trà"
        "già cả",  # not "giá cả"
        "vùng biển",  # not "vùng biên"
        "phân hóa học sinh",  # not "phân hóa học"
        "tập trung tư vấn",  # not "trùng tu"
        "là để",  # not "la de" (laser)
    ],
)
def test_dictionary_leaves_alone_words_that_fold_like_a_variant(text):
    assert [w.shown for w in novelty.words(text)] == text.lower().split()
