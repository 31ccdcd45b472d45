"""The Vietnamese words the synthetic dataset is made of (see `sangtao.demo.synthetic`).

Data only: place syllables, people's names, the names of member organisations and grassroots
units, and, for each domain of work, the phrases initiatives are composed from. The phrases are
written to combine: a title template takes a task, a goal or a device of one domain and a place,
so that a few hundred phrases make hundreds of thousands of distinct, plausible dossiers.

The 34 provinces and cities are real (shared/data/vn-admin/provinces-2025.csv, from Official
Letter 915/CTK-CSCL); the number of communes beside each is approximate (the 2025 reform left
about 3,300 in all) and only weighs how communes are spread. Every commune, person, school and
enterprise below is invented.
"""

# (GSO code, name, approximate number of communes and wards since 1 July 2025)
PROVINCES = [
    ("01", "Thành phố Hà Nội", 126),
    ("04", "Cao Bằng", 56),
    ("08", "Tuyên Quang", 124),
    ("11", "Điện Biên", 45),
    ("12", "Lai Châu", 38),
    ("14", "Sơn La", 75),
    ("15", "Lào Cai", 99),
    ("19", "Thái Nguyên", 92),
    ("20", "Lạng Sơn", 65),
    ("22", "Quảng Ninh", 54),
    ("24", "Bắc Ninh", 99),
    ("25", "Phú Thọ", 148),
    ("31", "Thành phố Hải Phòng", 114),
    ("33", "Hưng Yên", 104),
    ("37", "Ninh Bình", 129),
    ("38", "Thanh Hóa", 166),
    ("40", "Nghệ An", 130),
    ("42", "Hà Tĩnh", 69),
    ("44", "Quảng Trị", 78),
    ("46", "Thành phố Huế", 40),
    ("48", "Thành phố Đà Nẵng", 94),
    ("51", "Quảng Ngãi", 96),
    ("52", "Gia Lai", 135),
    ("56", "Khánh Hòa", 65),
    ("66", "Đắk Lắk", 102),
    ("68", "Lâm Đồng", 124),
    ("75", "Đồng Nai", 95),
    ("79", "Thành phố Hồ Chí Minh", 168),
    ("80", "Tây Ninh", 96),
    ("82", "Đồng Tháp", 102),
    ("86", "Vĩnh Long", 124),
    ("91", "An Giang", 102),
    ("92", "Thành phố Cần Thơ", 103),
    ("96", "Cà Mau", 64),
]

# Commune names are two of these syllables ("Tân" + "Hòa"): the Sino-Vietnamese words most
# Vietnamese place names are made of.
PLACE_FIRST = (
    "Tân An Bình Phước Long Mỹ Phú Vĩnh Thạnh Hòa Thái Xuân Đông Tây Nam Bắc Quảng Hưng Yên Đại "
    "Gia Thanh Hồng Kim Ngọc Cẩm Hải Sơn Lâm Hiệp Đức Minh Quang Trung Thuận Nhơn Lộc Hương Cát "
    "Tiên Vạn Ninh Hà Châu Lạc Thiện Khánh Thới Tường Bảo Đồng Cao Lương Hoài Diễn Nghĩa Triệu "
    "Phong Định Lập Song Tam Phụng"
).split()
PLACE_SECOND = (
    "Hòa Bình An Phú Lợi Thạnh Hưng Long Lộc Thuận Đông Tây Trung Hiệp Thành Thịnh Tiến Phong "
    "Sơn Hải Hà Lâm Mỹ Xuân Điền Quý Khánh Hội Nghĩa Đức Vinh Thọ Yên Hậu Lập Chánh Tài Ninh "
    "Phước Cường Hạnh Tân Minh Quang Thủy Lạc Nguyên Toàn Tín Dương Kiều Tường Mai Lương Định "
    "Châu Khê Giang Cát"
).split()

# Hamlets and villages: what a community of an ethnic group is named after.
VILLAGE_WORDS = ["ấp", "thôn", "bản", "buôn", "làng", "phum", "sóc"]

# Surnames with roughly their share of the population (per cent).
SURNAMES = [
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9.5),
    ("Phạm", 7),
    ("Hoàng", 3),
    ("Huỳnh", 2),
    ("Phan", 4.5),
    ("Vũ", 2),
    ("Võ", 2),
    ("Đặng", 2.1),
    ("Bùi", 2),
    ("Đỗ", 1.4),
    ("Hồ", 1.3),
    ("Ngô", 1.3),
    ("Dương", 1),
    ("Lý", 0.5),
    ("Đinh", 0.6),
    ("Trịnh", 0.5),
    ("Mai", 0.4),
    ("Lâm", 0.4),
    ("Đoàn", 0.4),
    ("Cao", 0.3),
    ("Lưu", 0.3),
    ("Tạ", 0.2),
    ("Châu", 0.2),
    ("Thái", 0.2),
    ("Hà", 0.3),
    ("Lương", 0.3),
    ("Tô", 0.2),
    ("Kiều", 0.1),
    ("Quách", 0.1),
    ("Triệu", 0.2),
    ("La", 0.1),
    ("Thạch", 0.1),
    ("Danh", 0.1),
]
MIDDLE_MALE = (
    "Văn Hữu Đức Minh Quốc Thanh Công Ngọc Xuân Hoàng Tuấn Trọng Quang Thành Anh Gia".split()
)
MIDDLE_FEMALE = "Thị Thị Thị Ngọc Thu Thanh Kim Mỹ Hồng Phương Bích Thùy Minh Diệu Khánh".split()
GIVEN_MALE = (
    "An Bình Cường Dũng Đạt Đức Hải Hiếu Hoàng Hùng Huy Khang Khoa Long Minh Nam Nghĩa Phong "
    "Phúc Quân Quang Sơn Tài Thắng Thành Thịnh Toàn Trung Tuấn Vinh Việt Lộc Tâm Tín Bảo Duy "
    "Kiên Lâm Tùng Hậu Trí Hưng Nhân Lợi"
).split()
GIVEN_FEMALE = (
    "Anh Châu Dung Giang Hà Hạnh Hằng Hiền Hoa Hồng Hương Lan Liên Linh Loan Mai My Nga Ngân "
    "Ngọc Nhung Oanh Phượng Quyên Thảo Thủy Trang Trinh Tuyết Vân Yến Xuân Diễm Thư Uyên Nhi "
    "Phương Duyên Thắm"
).split()

# People schools (and streets) are named after.
FAMOUS_PEOPLE = [
    "Nguyễn Du",
    "Lê Quý Đôn",
    "Trần Phú",
    "Nguyễn Trãi",
    "Lê Lợi",
    "Trần Hưng Đạo",
    "Quang Trung",
    "Nguyễn Huệ",
    "Chu Văn An",
    "Phan Bội Châu",
    "Phan Châu Trinh",
    "Lý Thường Kiệt",
    "Nguyễn Đình Chiểu",
    "Hoàng Hoa Thám",
    "Võ Thị Sáu",
    "Nguyễn Thị Minh Khai",
    "Lê Hồng Phong",
    "Trần Quốc Tuấn",
    "Nguyễn Văn Trỗi",
    "Huỳnh Thúc Kháng",
    "Ngô Quyền",
    "Đinh Tiên Hoàng",
    "Lương Thế Vinh",
    "Nguyễn Bỉnh Khiêm",
    "Hùng Vương",
    "Bùi Thị Xuân",
    "Trưng Vương",
    "Tôn Đức Thắng",
    "Lê Thánh Tông",
    "Mạc Đĩnh Chi",
    "Nguyễn Khuyến",
    "Trần Đại Nghĩa",
    "Phạm Ngũ Lão",
    "Yết Kiêu",
    "Nguyễn Chí Thanh",
]

# -- units --------------------------------------------------------------------------------------

# The central member organisations (name, short name).
CENTRAL_MEMBER_ORGS = [
    ("Trung ương Hội Liên hiệp Phụ nữ Việt Nam", "TW Hội LHPN Việt Nam"),
    ("Trung ương Đoàn Thanh niên Cộng sản Hồ Chí Minh", "TW Đoàn TNCS Hồ Chí Minh"),
    ("Trung ương Hội Nông dân Việt Nam", "TW Hội Nông dân Việt Nam"),
    ("Trung ương Hội Cựu chiến binh Việt Nam", "TW Hội CCB Việt Nam"),
    ("Tổng Liên đoàn Lao động Việt Nam", "Tổng LĐLĐ Việt Nam"),
    ("Liên hiệp các Hội Khoa học và Kỹ thuật Việt Nam", "VUSTA"),
]

# A province's member organisations: (name, short name); "{p}" is "tỉnh Cao Bằng" or
# "thành phố Hà Nội". The youth union of a city is "Thành Đoàn", of a province "Tỉnh Đoàn".
PROVINCE_MEMBER_ORGS = [
    ("Hội Liên hiệp Phụ nữ {p}", "Hội LHPN {p}"),
    ("{youth} {bare}", "Đoàn TN {p}"),
    ("Hội Nông dân {p}", "Hội ND {p}"),
    ("Hội Cựu chiến binh {p}", "Hội CCB {p}"),
    ("Liên đoàn Lao động {p}", "LĐLĐ {p}"),
    ("Liên hiệp các Hội Khoa học và Kỹ thuật {p}", "Liên hiệp các Hội KH&KT {p}"),
]

# A province's departments that cooperate with the Front (V.3 of the plan).
PROVINCE_AGENCIES = [
    "Sở Khoa học và Công nghệ {p}",
    "Sở Giáo dục và Đào tạo {p}",
    "Sở Y tế {p}",
    "Sở Nội vụ {p}",
    "Sở Tài chính {p}",
    "Sở Nông nghiệp và Môi trường {p}",
    "Sở Công Thương {p}",
    "Sở Văn hóa, Thể thao và Du lịch {p}",
]

# A commune's member organisations: (name, short name); "{c}" is "xã Tân Hòa".
COMMUNE_MEMBER_ORGS = [
    ("Hội Liên hiệp Phụ nữ {c}", "Hội LHPN {c}"),
    ("Đoàn Thanh niên Cộng sản Hồ Chí Minh {c}", "Đoàn TN {c}"),
    ("Hội Nông dân {c}", "Hội ND {c}"),
    ("Hội Cựu chiến binh {c}", "Hội CCB {c}"),
]

# Grassroots units under a commune, by kind: "{c}" the commune ("xã Tân Hòa"), "{place}" its
# bare name ("Tân Hòa"), "{person}" a famous person, "{brand}" a company's name, "{line}" its
# trade, "{crop}" a crop, "{village}" a hamlet, "{ethnic}" an ethnic group.
COMMUNE_UNITS = {
    "school": [
        "Trường Mầm non {place}",
        "Trường Mẫu giáo {place}",
        "Trường Tiểu học {place}",
        "Trường Tiểu học {place} {number}",
        "Trường THCS {place}",
        "Trường Tiểu học và THCS {place}",
        "Trường THPT {person}",
        "Trường Mầm non Hoa {flower}",
    ],
    "hospital": [
        "Trạm Y tế {c}",
        "Phòng khám Đa khoa khu vực {place}",
        "Nhà thuốc {brand}",
    ],
    "enterprise": [
        "Công ty TNHH {line} {brand}",
        "Công ty Cổ phần {line} {brand}",
        "Công ty TNHH MTV {line} {brand}",
        "Doanh nghiệp tư nhân {brand}",
        "Hợp tác xã Nông nghiệp {place}",
        "Hợp tác xã Dịch vụ Nông nghiệp {place}",
        "Hợp tác xã {crop} {place}",
        "Tổ hợp tác {crop} {village_word} {village}",
    ],
    "armed_forces": [
        "Ban Chỉ huy Quân sự {c}",
        "Công an {c}",
        "Trung đội Dân quân cơ động {c}",
        "Đồn Biên phòng {place}",
    ],
    "community": [
        "Chùa {pagoda}",
        "Giáo xứ {place}",
        "Hội thánh Tin Lành {place}",
        "Thánh thất Cao Đài {place}",
        "Ban Trị sự Phật giáo Hòa Hảo {c}",
        "Cộng đồng người {ethnic} {village_word} {village}",
        "Ban công tác Mặt trận {village_word} {village}",
    ],
    "state_agency": [
        "Ủy ban nhân dân {c}",
        "Trung tâm Phục vụ hành chính công {c}",
        "Văn phòng Đảng ủy {c}",
    ],
}

# Grassroots units directly under a province committee; "{p}" the province.
PROVINCE_UNITS = {
    "school": [
        "Trường Cao đẳng Y tế {bare}",
        "Trường Cao đẳng Nghề {bare}",
        "Trường THPT Chuyên {person}",
        "Trường Chính trị {p}",
        "Trường Cao đẳng Sư phạm {bare}",
        "Trung tâm Giáo dục nghề nghiệp - Giáo dục thường xuyên {place}",
    ],
    "hospital": [
        "Bệnh viện Đa khoa {p}",
        "Bệnh viện Sản - Nhi {p}",
        "Bệnh viện Y dược cổ truyền {p}",
        "Bệnh viện Phổi {p}",
        "Bệnh viện Mắt {p}",
        "Trung tâm Kiểm soát bệnh tật {p}",
        "Bệnh viện Đa khoa khu vực {place}",
    ],
    "enterprise": [
        "Công ty Cổ phần Cấp thoát nước {bare}",
        "Công ty Điện lực {bare}",
        "Công ty TNHH MTV Xổ số kiến thiết {bare}",
        "Công ty Cổ phần Môi trường đô thị {bare}",
        "Công ty Cổ phần {line} {brand}",
        "Tổng Công ty {line} {brand}",
    ],
    "armed_forces": [
        "Bộ Chỉ huy Quân sự {p}",
        "Công an {p}",
        "Bộ Chỉ huy Bộ đội Biên phòng {p}",
        "Phòng Cảnh sát Phòng cháy, chữa cháy và Cứu nạn, cứu hộ Công an {p}",
        "Phòng Cảnh sát giao thông Công an {p}",
        "Trung đoàn Bộ binh {regiment}",
    ],
    "community": [
        "Ban Trị sự Giáo hội Phật giáo Việt Nam {p}",
        "Ban Đại diện Cộng đồng người {ethnic} {p}",
        "Hội Người Việt Nam tại {country} (quê {bare})",
    ],
    "state_agency": [
        "Văn phòng Ủy ban nhân dân {p}",
        "Ban Quản lý các khu công nghiệp {p}",
        "Trung tâm Phục vụ hành chính công {p}",
    ],
}

# How grassroots units split between kinds (share of the grassroots count).
GRASSROOTS_KINDS = [
    ("school", 38),
    ("enterprise", 26),
    ("hospital", 8),
    ("armed_forces", 9),
    ("community", 12),
    ("state_agency", 7),
]

# Overseas Vietnamese associations, attached to the central committee.
OVERSEAS_COUNTRIES = [
    "Lào",
    "Campuchia",
    "Thái Lan",
    "Nhật Bản",
    "Hàn Quốc",
    "Liên bang Nga",
    "Cộng hòa Séc",
    "Ba Lan",
    "Cộng hòa Liên bang Đức",
    "Pháp",
    "Vương quốc Anh",
    "Hoa Kỳ",
    "Canada",
    "Australia",
    "Đài Loan (Trung Quốc)",
    "Singapore",
    "Malaysia",
    "Ucraina",
    "Hungary",
    "Na Uy",
]

BUSINESS_LINES = [
    "Thương mại Dịch vụ",
    "Sản xuất Thương mại",
    "Xây dựng",
    "Chế biến Nông sản",
    "May mặc",
    "Cơ khí",
    "Vận tải",
    "Thực phẩm",
    "Chế biến Gỗ",
    "Bao bì",
    "Điện tử",
    "Dược phẩm",
    "Thủy sản",
    "Cao su",
    "Xuất nhập khẩu",
    "Công nghệ Phần mềm",
    "Vật liệu Xây dựng",
    "Du lịch",
    "Nhựa",
    "Thức ăn Chăn nuôi",
    "Điện cơ",
    "Giày da",
    "In ấn",
    "Môi trường",
]
BRAND_FIRST = (
    "Phúc Minh Thành Hoàng An Tân Việt Đại Hưng Kim Phú Thịnh Hòa Nam Bảo Gia Trường Quang Đức "
    "Hải Sao Ánh Hồng Lam Ngọc"
).split()
BRAND_SECOND = (
    "Thịnh Phát Long Lộc Hưng Thành An Tiến Cường Khang Vượng Đạt Phú Nguyên Tín Hòa Minh Quang "
    "Sơn Hải Mai Dương Việt Á"
).split()
CROPS = [
    "Lúa gạo",
    "Rau an toàn",
    "Bưởi da xanh",
    "Cà phê",
    "Chè",
    "Thanh long",
    "Sầu riêng",
    "Nuôi tôm",
    "Mía đường",
    "Hồ tiêu",
    "Cây ăn trái",
    "Mãng cầu",
    "Xoài cát",
    "Chăn nuôi bò sữa",
    "Nấm rơm",
    "Dược liệu",
    "Cá tra",
    "Điều",
    "Nhãn lồng",
    "Vải thiều",
    "Mật ong",
    "Gạo hữu cơ",
]
FLOWERS = "Mai Sen Hồng Lan Cúc Phượng Sữa Ban Đào Huệ".split()
PAGODA_NAMES = (
    "Phước Long, Long Hòa, Thiên Phước, Kim Cang, Linh Sơn, Phước Hưng, Giác Lâm, Bửu Long, "
    "Hưng Phước, Thanh Lương, Vĩnh Nghiêm, Hội Khánh, Tam Bảo, Phổ Minh, Khánh Vân, Từ Quang"
).split(", ")
ETHNIC_GROUPS = [
    "Khmer",
    "Tày",
    "Thái",
    "Mường",
    "Mông",
    "Dao",
    "Ê Đê",
    "Gia Rai",
    "Ba Na",
    "Chăm",
    "Hoa",
    "Nùng",
    "Xơ Đăng",
    "Cơ Ho",
    "Xtiêng",
    "Raglai",
    "M'Nông",
    "Sán Chay",
    "Giáy",
    "Hrê",
]

# The teams of a unit that may file an initiative together, by kind of unit.
COLLECTIVES = {
    "school": [
        "Tổ Toán - Tin",
        "Tổ Ngữ văn",
        "Tổ Khoa học tự nhiên",
        "Tổ Tiếng Anh",
        "Tổ Văn phòng",
    ],
    "hospital": [
        "Khoa Khám bệnh",
        "Khoa Nội tổng hợp",
        "Khoa Dược",
        "Khoa Cấp cứu",
        "Tổ Điều dưỡng",
    ],
    "enterprise": ["Phòng Kỹ thuật", "Tổ Bảo trì", "Phân xưởng Sản xuất", "Phòng Kinh doanh"],
    "armed_forces": ["Ban Tham mưu", "Đội Cảnh sát giao thông", "Trung đội Dân quân cơ động"],
    "community": ["Ban Đại diện", "Tổ tự quản", "Ban Trị sự", "Nhóm thanh niên tình nguyện"],
    "state_agency": ["Bộ phận Một cửa", "Phòng Tổng hợp", "Văn phòng"],
    "front_committee": ["Ban Thường trực", "Ban Phong trào", "Ban Tuyên giáo", "Văn phòng"],
    "member_org": ["Ban Thường vụ", "Ban Tổ chức - Kiểm tra", "Ban Tuyên giáo", "Chi hội"],
}

# Positions of the people who file initiatives, by kind of unit.
POSITIONS = {
    "school": [
        "Giáo viên",
        "Giáo viên",
        "Tổ trưởng chuyên môn",
        "Hiệu trưởng",
        "Phó Hiệu trưởng",
        "Nhân viên thư viện",
        "Kế toán",
    ],
    "hospital": ["Bác sĩ", "Điều dưỡng", "Dược sĩ", "Y sĩ", "Trưởng khoa", "Kỹ thuật viên"],
    "enterprise": ["Kỹ sư", "Công nhân", "Trưởng ca", "Quản đốc", "Nhân viên kỹ thuật", "Giám đốc"],
    "armed_forces": ["Chiến sĩ", "Cán bộ", "Trung đội trưởng", "Đội trưởng", "Chỉ huy trưởng"],
    "community": ["Người có uy tín", "Trưởng ban", "Chức sắc tôn giáo", "Hội viên", "Trưởng ấp"],
    "state_agency": ["Công chức", "Chuyên viên", "Văn thư", "Phó Chủ tịch Ủy ban nhân dân"],
    "front_committee": ["Chủ tịch", "Phó Chủ tịch", "Cán bộ chuyên trách", "Chuyên viên"],
    "member_org": ["Chủ tịch Hội", "Phó Chủ tịch Hội", "Bí thư Đoàn", "Ủy viên Ban Thường vụ"],
}

# -- initiatives --------------------------------------------------------------------------------

# Phrases every domain shares.
TECHNOLOGIES = [
    "phần mềm quản lý trực tuyến",
    "ứng dụng trên điện thoại thông minh",
    "mã QR",
    "trí tuệ nhân tạo",
    "bảng tính Excel tự động",
    "hệ thống cảm biến IoT",
    "nhóm Zalo",
    "nền tảng họp trực tuyến",
    "chữ ký số",
    "điện toán đám mây",
    "hệ thống camera giám sát",
    "phần mềm mã nguồn mở",
    "bản đồ số GIS",
    "cổng dịch vụ công trực tuyến",
    "năng lượng mặt trời",
    "tin nhắn SMS tự động",
    "Google Biểu mẫu",
    "máy quét mã vạch",
    "thiết bị bay không người lái",
    "hộp thư điện tử công vụ",
    "thẻ từ RFID",
    "trang thông tin điện tử",
    "chatbot hỗ trợ trả lời tự động",
    "bảng điều khiển số liệu trực tuyến",
]
SAVINGS = [
    "tiết kiệm điện",
    "tiết kiệm nước",
    "tiết kiệm văn phòng phẩm",
    "giảm chi phí in ấn",
    "giảm rác thải nhựa",
    "phân loại rác tại nguồn",
]
# How a process was reorganised ("quy trình ... theo hướng {direction}").
PROCESS_DIRECTIONS = [
    "giảm bớt khâu trung gian",
    "phân công rõ người, rõ việc, rõ thời gian",
    "công khai, minh bạch",
    "lấy người dân làm trung tâm",
    "liên thông giữa các bộ phận",
    "chuẩn hóa biểu mẫu",
    "kiểm tra chéo giữa các tổ",
    "giao chỉ tiêu theo tuần",
    "phối hợp chặt chẽ với cộng đồng",
]
INTRO_PHRASES = ["Sáng kiến", "Giải pháp", "Cách làm", "Đề tài", "Ý tưởng"]
AUTHOR_SUBJECTS = [
    "Nhóm tác giả",
    "Tác giả",
    "Tập thể đơn vị",
    "Nhóm nghiên cứu",
    "Ban chủ nhiệm sáng kiến",
]
PROBLEM_OPENERS = [
    "Trước đây",
    "Thời gian qua",
    "Trong nhiều năm",
    "Qua khảo sát thực tế",
    "Trước khi áp dụng sáng kiến",
]
SOLUTION_VERBS = [
    "đã nghiên cứu, xây dựng",
    "đã thiết kế và đưa vào sử dụng",
    "đã đề xuất và triển khai",
    "đã cải tiến và áp dụng thử",
    "đã phối hợp xây dựng",
    "đã chủ động thiết kế",
]
STEP_OPENERS = [
    "Cách làm gồm các bước",
    "Quy trình mới gồm",
    "Giải pháp được triển khai qua các bước",
    "Các bước thực hiện gồm",
]
TIME_UNITS = ["ngày", "giờ", "phút", "buổi"]
SCOPE_OPENERS = [
    "Đã áp dụng tại",
    "Áp dụng thử nghiệm tại",
    "Đang áp dụng hiệu quả tại",
    "Áp dụng chính thức tại",
]
CONDITIONS = [
    "máy tính có kết nối Internet",
    "điện thoại thông minh",
    "kinh phí ban đầu khoảng {money} đồng",
    "tập huấn cho cán bộ, nhân viên trong {n} buổi",
    "sự đồng thuận của lãnh đạo đơn vị",
    "một cán bộ phụ trách cập nhật dữ liệu",
    "nguồn vật liệu sẵn có tại địa phương",
    "sự phối hợp của các tổ chức đoàn thể",
    "đường truyền mạng ổn định",
    "máy in và máy quét tài liệu",
    "không cần thêm kinh phí",
    "nguồn xã hội hóa khoảng {money} đồng",
]
OVERALL_COMMENTS = [
    "Sáng kiến có tính mới, áp dụng hiệu quả tại đơn vị.",
    "Đề nghị công nhận; có khả năng nhân rộng.",
    "Giải pháp thiết thực, chi phí thấp.",
    "Nội dung rõ ràng, số liệu minh chứng đầy đủ.",
    "Cần bổ sung số liệu so sánh trước và sau khi áp dụng.",
    "Có giá trị thực tiễn, phù hợp với điều kiện địa phương.",
]
NOT_RECOGNISED_REASONS = [
    "Chưa chứng minh được tính mới so với các giải pháp đã được công nhận.",
    "Hiệu quả áp dụng chưa rõ, thiếu số liệu minh chứng.",
    "Phạm vi áp dụng hẹp, chưa có khả năng nhân rộng.",
    "Nội dung trùng với sáng kiến đã được công nhận trước đây.",
    "Chi phí triển khai lớn so với hiệu quả mang lại.",
]

# The domains of work. Each has:
#   make      the verb for building one of its devices ("Chế tạo")
#   tasks     the work an initiative improves ("quản lý hồ sơ học sinh")
#   records   what can be digitised ("học bạ")
#   goals     verb phrases of what it achieves ("nâng cao chất lượng dạy học môn Toán")
#   devices   things people build ("bộ thí nghiệm Vật lý tự làm")
#   models    names of practices ("Lớp học hạnh phúc")
#   people    who benefits ("học sinh")
#   problems  what was wrong before (completes "..., {problem}.")
#   results   measured outcomes with {a} < {b} (per cent or counts)
#   scopes    where else it can be used ("các trường tiểu học")
DOMAINS = {
    "education": {
        "make": "Thiết kế",
        "tasks": [
            "quản lý hồ sơ học sinh",
            "dạy học môn Toán lớp {grade}",
            "dạy học môn Ngữ văn lớp {grade}",
            "dạy học môn Tiếng Anh lớp {grade}",
            "dạy học môn Khoa học tự nhiên",
            "dạy học môn Lịch sử và Địa lý",
            "dạy học môn Tin học",
            "dạy học môn Giáo dục thể chất",
            "dạy học môn Công nghệ",
            "ôn thi tốt nghiệp THPT",
            "bồi dưỡng học sinh giỏi",
            "phụ đạo học sinh yếu, kém",
            "công tác chủ nhiệm lớp",
            "quản lý thư viện trường học",
            "tổ chức bán trú",
            "giáo dục kỹ năng sống cho học sinh",
            "kiểm tra, đánh giá học sinh",
            "phối hợp giữa nhà trường và gia đình",
            "quản lý thiết bị dạy học",
            "tổ chức hoạt động trải nghiệm",
            "giáo dục hướng nghiệp",
            "phòng chống đuối nước cho học sinh",
            "dạy tiếng Việt cho trẻ em người dân tộc thiểu số",
            "chăm sóc, nuôi dưỡng trẻ mầm non",
            "xây dựng thời khóa biểu",
            "thu, chi các khoản đóng góp",
        ],
        "records": [
            "học bạ học sinh",
            "sổ điểm",
            "hồ sơ chuyên môn của giáo viên",
            "sổ theo dõi bán trú",
            "hồ sơ tuyển sinh đầu cấp",
            "kho đề kiểm tra",
            "hồ sơ kiểm định chất lượng giáo dục",
            "sổ mượn, trả sách thư viện",
        ],
        "goals": [
            "nâng cao chất lượng dạy học môn {subject}",
            "giúp học sinh lớp {grade} học tốt môn {subject}",
            "phát triển năng lực tự học của học sinh",
            "nâng cao tỷ lệ học sinh đọc sách",
            "giảm tỷ lệ học sinh bỏ học",
            "rèn kỹ năng viết đoạn văn cho học sinh lớp {grade}",
            "tạo hứng thú học tập cho học sinh",
            "nâng cao hiệu quả sinh hoạt tổ chuyên môn",
            "xây dựng trường học xanh, sạch, đẹp",
            "giảm áp lực hành chính cho giáo viên",
            "phát triển năng lực số cho học sinh",
            "nâng cao chất lượng bữa ăn bán trú",
        ],
        "devices": [
            "bộ thí nghiệm Vật lý tự làm",
            "mô hình dạy học môn Địa lý",
            "bộ đồ dùng học Toán từ vật liệu tái chế",
            "bảng tương tác tự chế",
            "hệ thống chuông báo giờ học tự động",
            "tủ sách lưu động",
            "mô hình hệ Mặt Trời",
            "bộ thẻ học từ vựng Tiếng Anh",
            "góc học tập STEM",
        ],
        "models": [
            "Thư viện xanh",
            "Lớp học hạnh phúc",
            "Trường học an toàn",
            "Đôi bạn cùng tiến",
            "Góc đọc sách lớp học",
            "Câu lạc bộ Tiếng Anh",
            "Nhà trường - Gia đình chung tay",
            "Vườn rau của bé",
            "Em yêu khoa học",
            "Trường học không rác thải nhựa",
        ],
        "people": ["học sinh", "giáo viên", "phụ huynh", "trẻ mầm non", "cán bộ quản lý"],
        "problems": [
            "học sinh còn thụ động, ngại phát biểu",
            "việc ghi chép sổ sách bằng tay mất nhiều thời gian",
            "tỷ lệ học sinh yếu môn {subject} còn cao",
            "đồ dùng dạy học thiếu và đã xuống cấp",
            "phụ huynh ít có thông tin về việc học của con em",
            "học sinh vùng sâu đi lại khó khăn",
            "thư viện có sách nhưng ít học sinh đến đọc",
        ],
        "results": [
            "tỷ lệ học sinh đạt điểm khá, giỏi môn {subject} tăng từ {a}% lên {b}%",
            "tỷ lệ học sinh chuyên cần tăng từ {a}% lên {b}%",
            "số lượt học sinh mượn sách tăng từ {a} lên {b} lượt mỗi tháng",
            "số học sinh đạt giải cấp tỉnh tăng từ {a} lên {b} em",
            "thời gian tổng hợp điểm cuối kỳ giảm từ {b} giờ xuống {a} giờ",
        ],
        "scopes": [
            "các trường tiểu học",
            "các trường trung học cơ sở",
            "các trường mầm non",
            "các trường phổ thông",
            "các cơ sở giáo dục",
        ],
    },
    "health": {
        "make": "Chế tạo",
        "tasks": [
            "tiếp đón người bệnh",
            "khám chữa bệnh bảo hiểm y tế",
            "quản lý hồ sơ sức khỏe điện tử",
            "tiêm chủng mở rộng",
            "quản lý bệnh nhân tăng huyết áp",
            "quản lý bệnh nhân đái tháo đường",
            "cấp phát thuốc",
            "chăm sóc người cao tuổi tại nhà",
            "phòng chống sốt xuất huyết",
            "xử lý chất thải y tế",
            "sơ cứu, cấp cứu ban đầu",
            "khám sức khỏe học đường",
            "truyền thông giáo dục sức khỏe",
            "quản lý thai sản",
            "phục hồi chức năng cho người khuyết tật",
            "kiểm soát nhiễm khuẩn",
            "quản lý vật tư y tế",
            "đặt lịch khám bệnh",
            "điều trị bằng y học cổ truyền",
            "chăm sóc sức khỏe ban đầu",
        ],
        "records": [
            "hồ sơ bệnh án",
            "sổ tiêm chủng",
            "hồ sơ sức khỏe người dân",
            "phiếu lĩnh thuốc",
            "sổ theo dõi thai sản",
            "hồ sơ quản lý bệnh mạn tính",
        ],
        "goals": [
            "rút ngắn thời gian chờ khám bệnh",
            "nâng cao sự hài lòng của người bệnh",
            "giảm tỷ lệ nhiễm khuẩn bệnh viện",
            "nâng cao tỷ lệ tiêm chủng đầy đủ",
            "phát hiện sớm bệnh không lây nhiễm",
            "giảm sai sót trong cấp phát thuốc",
            "giảm quá tải tại tuyến trên",
            "nâng cao chất lượng chăm sóc người bệnh",
            "giảm số ca mắc sốt xuất huyết",
        ],
        "devices": [
            "giá treo dịch truyền cải tiến",
            "xe đẩy cấp phát thuốc đa năng",
            "tủ sấy dụng cụ y tế tự chế",
            "bộ dụng cụ tập phục hồi chức năng",
            "hệ thống gọi số tự động",
            "nẹp cố định xương từ vật liệu sẵn có",
            "máy phun hóa chất diệt muỗi cầm tay cải tiến",
        ],
        "models": [
            "Bệnh viện xanh - sạch - đẹp",
            "Trạm y tế thân thiện",
            "Câu lạc bộ người cao tuổi khỏe mạnh",
            "Ngôi nhà không có lăng quăng",
            "Gia đình phòng chống bệnh không lây",
            "Bác sĩ gia đình",
        ],
        "people": ["người bệnh", "người cao tuổi", "phụ nữ mang thai", "trẻ em", "nhân viên y tế"],
        "problems": [
            "người bệnh phải chờ đợi lâu",
            "hồ sơ giấy dễ thất lạc, khó tra cứu",
            "tỷ lệ tiêm chủng đầy đủ chưa đạt chỉ tiêu",
            "dụng cụ chuyên môn thiếu và phải mua với giá cao",
            "người dân chưa quan tâm khám sức khỏe định kỳ",
        ],
        "results": [
            "thời gian chờ khám trung bình giảm từ {b} phút xuống {a} phút",
            "tỷ lệ hài lòng của người bệnh tăng từ {a}% lên {b}%",
            "tỷ lệ trẻ được tiêm chủng đầy đủ tăng từ {a}% lên {b}%",
            "số người được quản lý bệnh mạn tính tăng từ {a} lên {b} người",
            "số ca mắc bệnh trong mùa dịch giảm từ {b} xuống {a} ca",
        ],
        "scopes": [
            "các trạm y tế xã, phường",
            "các bệnh viện tuyến tỉnh",
            "các cơ sở khám chữa bệnh",
            "các trung tâm y tế",
        ],
    },
    "agriculture": {
        "make": "Chế tạo",
        "tasks": [
            "sản xuất lúa theo hướng hữu cơ",
            "trồng {crop}",
            "chăn nuôi heo an toàn sinh học",
            "nuôi tôm thẻ chân trắng",
            "tưới tiết kiệm cho cây ăn trái",
            "bảo quản nông sản sau thu hoạch",
            "tiêu thụ nông sản",
            "phòng trừ sâu bệnh",
            "xử lý phụ phẩm nông nghiệp",
            "quản lý hợp tác xã",
            "truy xuất nguồn gốc nông sản",
            "xây dựng sản phẩm OCOP",
            "ủ phân hữu cơ từ rơm rạ",
            "nuôi cá lồng bè",
            "sấy nông sản",
            "chuyển đổi cơ cấu cây trồng",
            "làm đất và gieo sạ",
        ],
        "records": [
            "nhật ký đồng ruộng",
            "hồ sơ hợp tác xã",
            "sổ theo dõi đàn vật nuôi",
            "hồ sơ vay vốn của hội viên",
            "mã số vùng trồng",
        ],
        "goals": [
            "tăng thu nhập cho nông dân",
            "giảm chi phí sản xuất {crop}",
            "nâng cao giá trị sản phẩm {crop}",
            "giảm sử dụng thuốc bảo vệ thực vật",
            "liên kết sản xuất theo chuỗi giá trị",
            "bảo vệ môi trường nông thôn",
            "giúp hội viên thoát nghèo bền vững",
            "đưa nông sản địa phương lên sàn thương mại điện tử",
            "thích ứng với biến đổi khí hậu",
        ],
        "devices": [
            "máy gieo hạt cải tiến",
            "hệ thống tưới nhỏ giọt tự động",
            "máy sấy nông sản dùng năng lượng mặt trời",
            "máy cắt cỏ đa năng",
            "máy bóc vỏ hạt điều",
            "hầm biogas cải tiến",
            "máy băm phụ phẩm nông nghiệp",
            "lồng nuôi cá bằng vật liệu tái chế",
            "bẫy côn trùng bằng đèn",
        ],
        "models": [
            "Cánh đồng lớn",
            "Tổ hợp tác sản xuất sạch",
            "Nông dân sản xuất, kinh doanh giỏi",
            "Vườn mẫu nông thôn mới",
            "Chi hội nông dân nghề nghiệp",
            "Hộ nông dân tiết kiệm nước tưới",
            "Chợ phiên nông sản an toàn",
        ],
        "people": [
            "nông dân",
            "hội viên",
            "hộ nghèo",
            "thành viên hợp tác xã",
            "người trồng {crop}",
        ],
        "problems": [
            "năng suất thấp mà chi phí phân bón ngày càng cao",
            "nông sản bị thương lái ép giá",
            "rơm rạ bị đốt ngoài đồng gây ô nhiễm",
            "nước tưới thiếu vào mùa khô",
            "việc ghi chép nhật ký sản xuất còn sơ sài",
            "sâu bệnh xuất hiện nhiều, người dân phun thuốc tràn lan",
        ],
        "results": [
            "năng suất tăng từ {a} lên {b} tạ mỗi héc-ta",
            "lợi nhuận của mỗi hộ tăng từ {a} lên {b} triệu đồng mỗi vụ",
            "số hộ tham gia tăng từ {a} lên {b} hộ",
            "chi phí phân bón giảm từ {b}% xuống còn {a}% giá thành",
            "số hộ nghèo giảm từ {b} xuống {a} hộ",
        ],
        "scopes": [
            "các hợp tác xã nông nghiệp",
            "các chi hội nông dân",
            "các xã có diện tích trồng {crop}",
            "các tổ hợp tác",
        ],
    },
    "industry": {
        "make": "Chế tạo",
        "tasks": [
            "vận hành dây chuyền sản xuất",
            "quản lý kho nguyên vật liệu",
            "bảo trì máy móc, thiết bị",
            "đóng gói thành phẩm",
            "kiểm tra chất lượng sản phẩm",
            "quản lý đơn hàng",
            "an toàn, vệ sinh lao động",
            "xử lý nước thải sản xuất",
            "vận chuyển hàng hóa",
            "quản lý năng lượng",
            "chấm công và tính lương",
            "cắt, may bán thành phẩm",
            "gia công cơ khí",
            "sơn tĩnh điện",
            "phân loại phế liệu",
            "lập kế hoạch sản xuất",
            "chăm sóc khách hàng",
        ],
        "records": [
            "hồ sơ nhân sự",
            "phiếu nhập, xuất kho",
            "hồ sơ bảo trì thiết bị",
            "chứng từ kế toán",
            "hồ sơ chất lượng sản phẩm",
            "hợp đồng với khách hàng",
        ],
        "goals": [
            "nâng cao năng suất lao động",
            "giảm tỷ lệ sản phẩm lỗi",
            "tiết kiệm điện năng tiêu thụ",
            "rút ngắn thời gian giao hàng",
            "giảm thời gian dừng máy",
            "giảm tai nạn lao động",
            "giảm chi phí nguyên vật liệu",
            "tận dụng phế liệu sản xuất",
            "nâng cao thu nhập cho người lao động",
        ],
        "devices": [
            "đồ gá kẹp phôi đa năng",
            "băng tải tự động",
            "máy cắt bao bì cải tiến",
            "hệ thống thu hồi nhiệt thải",
            "thiết bị cảnh báo quá tải động cơ",
            "máy dán nhãn bán tự động",
            "bộ điều khiển biến tần cho máy bơm",
            "xe nâng tay cải tiến",
            "khuôn dập cải tiến",
        ],
        "models": [
            "Phân xưởng 5S",
            "Sản xuất tinh gọn",
            "Mỗi công nhân một sáng kiến",
            "Doanh nghiệp xanh",
            "Ca sản xuất an toàn",
            "Người Việt Nam ưu tiên dùng hàng Việt Nam",
        ],
        "people": ["công nhân", "người lao động", "khách hàng", "kỹ sư", "nhân viên kỹ thuật"],
        "problems": [
            "máy móc thường xuyên dừng do sự cố",
            "tỷ lệ sản phẩm lỗi còn cao",
            "chi phí điện chiếm phần lớn giá thành",
            "hàng tồn kho khó kiểm soát",
            "công nhân phải thao tác thủ công, dễ gây tai nạn",
        ],
        "results": [
            "năng suất lao động tăng từ {a} lên {b} sản phẩm mỗi ca",
            "tỷ lệ sản phẩm lỗi giảm từ {b}% xuống {a}%",
            "thời gian dừng máy giảm từ {b} giờ xuống {a} giờ mỗi tháng",
            "điện năng tiêu thụ giảm từ {b} xuống {a} nghìn kWh mỗi tháng",
            "thời gian giao hàng giảm từ {b} ngày xuống {a} ngày",
        ],
        "scopes": [
            "các phân xưởng của công ty",
            "các doanh nghiệp cùng ngành",
            "các doanh nghiệp nhỏ và vừa",
            "các khu công nghiệp",
        ],
    },
    "administration": {
        "make": "Xây dựng",
        "tasks": [
            "tiếp nhận hồ sơ theo cơ chế một cửa",
            "giải quyết thủ tục hành chính",
            "chứng thực bản sao",
            "đăng ký hộ tịch",
            "quản lý văn bản đi, đến",
            "tiếp công dân",
            "giải quyết đơn thư khiếu nại",
            "lấy ý kiến nhân dân",
            "tổ chức hội nghị trực tuyến",
            "tổng hợp báo cáo định kỳ",
            "quản lý tài sản công",
            "thu ngân sách",
            "cấp giấy chứng nhận quyền sử dụng đất",
            "hòa giải ở cơ sở",
            "quản lý dân cư",
            "chi trả trợ cấp xã hội",
            "giám sát và phản biện xã hội",
            "lưu trữ tài liệu",
        ],
        "records": [
            "hồ sơ hộ tịch",
            "văn bản đi, đến",
            "hồ sơ địa chính",
            "hồ sơ người có công",
            "hồ sơ lưu trữ",
            "hồ sơ đối tượng bảo trợ xã hội",
            "sổ theo dõi đơn thư",
        ],
        "goals": [
            "rút ngắn thời gian giải quyết thủ tục hành chính",
            "nâng cao chỉ số hài lòng của người dân",
            "đẩy mạnh cải cách hành chính",
            "giảm giấy tờ trong chỉ đạo, điều hành",
            "nâng cao tỷ lệ hồ sơ trực tuyến",
            "tăng cường khối đại đoàn kết toàn dân tộc",
            "phát huy quyền làm chủ của nhân dân",
            "xây dựng chính quyền số",
        ],
        "devices": [
            "ki-ốt tra cứu thủ tục hành chính",
            "hệ thống lấy số thứ tự tự động",
            "bảng thông tin điện tử tại bộ phận một cửa",
            "hộp thư góp ý điện tử",
            "phòng họp trực tuyến",
        ],
        "models": [
            "Dân vận khéo",
            "Bộ phận một cửa thân thiện",
            "Ngày thứ Bảy vì nhân dân",
            "Khu dân cư kiểu mẫu",
            "Tổ hòa giải giỏi",
            "Cơ quan văn hóa",
        ],
        "people": ["người dân", "doanh nghiệp", "cán bộ, công chức", "tổ chức, cá nhân"],
        "problems": [
            "người dân phải đi lại nhiều lần để hoàn thiện hồ sơ",
            "văn bản giấy chuyển qua nhiều khâu, dễ chậm trễ",
            "việc tổng hợp số liệu mất nhiều thời gian",
            "ý kiến của người dân chưa được tiếp nhận kịp thời",
            "hồ sơ lưu trữ nhiều, tra cứu khó khăn",
        ],
        "results": [
            "thời gian giải quyết hồ sơ giảm từ {b} ngày xuống {a} ngày",
            "tỷ lệ hồ sơ nộp trực tuyến tăng từ {a}% lên {b}%",
            "chỉ số hài lòng của người dân tăng từ {a}% lên {b}%",
            "số hồ sơ trễ hạn giảm từ {b} xuống {a} hồ sơ mỗi quý",
            "lượng giấy in mỗi tháng giảm từ {b} xuống {a} ram",
        ],
        "scopes": [
            "các xã, phường",
            "các cơ quan hành chính nhà nước",
            "các bộ phận một cửa",
            "các cơ quan, đơn vị trong tỉnh",
        ],
    },
    "mass_org": {
        "make": "Xây dựng",
        "tasks": [
            "phát triển hội viên",
            "thu hội phí",
            "sinh hoạt chi hội",
            "tuyên truyền pháp luật cho hội viên",
            "vận động quỹ Vì người nghèo",
            "xây dựng nhà Đại đoàn kết",
            "hỗ trợ phụ nữ khởi nghiệp",
            "tổ chức hoạt động tình nguyện",
            "giúp nhau phát triển kinh tế",
            "giám sát đầu tư của cộng đồng",
            "phòng chống bạo lực gia đình",
            "chăm lo cho cựu chiến binh khó khăn",
            "tập hợp đoàn viên công đoàn",
            "quản lý nguồn vốn ủy thác",
            "tổ chức Ngày hội Đại đoàn kết toàn dân tộc",
            "vận động thanh niên lập nghiệp",
            "phổ biến kiến thức khoa học kỹ thuật",
        ],
        "records": [
            "hồ sơ hội viên",
            "sổ thu hội phí",
            "sổ theo dõi quỹ Vì người nghèo",
            "hồ sơ đoàn viên",
            "sổ sinh hoạt chi hội",
            "danh sách hộ nghèo, cận nghèo",
        ],
        "goals": [
            "nâng cao chất lượng sinh hoạt chi hội",
            "thu hút thanh niên tham gia hoạt động Đoàn",
            "tăng số hội viên mới",
            "giúp hội viên phụ nữ phát triển kinh tế",
            "xây dựng nông thôn mới, đô thị văn minh",
            "phát huy vai trò giám sát của nhân dân",
            "tăng cường khối đại đoàn kết toàn dân tộc",
            "chăm lo đời sống đoàn viên, người lao động",
            "giảm nghèo bền vững",
        ],
        "devices": [
            "bộ tài liệu tuyên truyền bằng hình ảnh",
            "sổ tay điện tử hội viên",
            "bản tin chi hội hằng tháng",
            "trang Facebook của chi hội",
        ],
        "models": [
            "Tổ phụ nữ tiết kiệm",
            "Thanh niên khởi nghiệp",
            "Cựu chiến binh giúp nhau làm kinh tế",
            "Mái ấm công đoàn",
            "Tuyến đường hoa",
            "Khu dân cư không có tội phạm",
            "Ngôi nhà Đại đoàn kết",
            "Heo đất tiết kiệm",
            "Nhà sạch, vườn đẹp",
            "Thắp sáng đường quê",
        ],
        "people": ["hội viên", "đoàn viên", "phụ nữ", "thanh niên", "cựu chiến binh", "hộ nghèo"],
        "problems": [
            "sinh hoạt chi hội còn hình thức, ít người tham dự",
            "việc thu hội phí chậm và khó theo dõi",
            "thanh niên đi làm ăn xa, khó tập hợp",
            "nhiều hộ nghèo thiếu vốn sản xuất",
            "thông tin đến hội viên chậm",
        ],
        "results": [
            "số hội viên tham gia sinh hoạt tăng từ {a}% lên {b}%",
            "số hội viên mới tăng từ {a} lên {b} người mỗi năm",
            "số hộ nghèo được hỗ trợ tăng từ {a} lên {b} hộ",
            "quỹ tiết kiệm của chi hội tăng từ {a} lên {b} triệu đồng",
            "tỷ lệ thu hội phí đúng hạn tăng từ {a}% lên {b}%",
        ],
        "scopes": [
            "các chi hội",
            "các cơ sở Đoàn",
            "các công đoàn cơ sở",
            "các khu dân cư",
            "các tổ chức thành viên",
        ],
    },
    "security": {
        "make": "Chế tạo",
        "tasks": [
            "huấn luyện dân quân tự vệ",
            "quản lý vũ khí, khí tài",
            "tuần tra, kiểm soát địa bàn",
            "phòng cháy, chữa cháy",
            "cứu nạn, cứu hộ",
            "quản lý cư trú",
            "bảo đảm trật tự an toàn giao thông",
            "tuyển chọn và gọi công dân nhập ngũ",
            "phòng chống ma túy",
            "quản lý người nước ngoài",
            "tuần tra biên giới",
            "bảo đảm hậu cần",
            "giáo dục chính trị cho chiến sĩ",
            "tiếp nhận tin báo tội phạm",
            "bảo quản xe, máy, trang thiết bị",
        ],
        "records": [
            "hồ sơ cư trú",
            "hồ sơ nghĩa vụ quân sự",
            "sổ theo dõi vũ khí",
            "hồ sơ vụ việc",
            "hồ sơ phương tiện",
        ],
        "goals": [
            "nâng cao chất lượng huấn luyện",
            "rút ngắn thời gian ứng cứu sự cố",
            "giữ vững an ninh trật tự ở cơ sở",
            "giảm tai nạn giao thông",
            "tiết kiệm nhiên liệu cho xe công vụ",
            "nâng cao hiệu quả phòng chống tội phạm",
            "bảo đảm an toàn kho tàng",
        ],
        "devices": [
            "mô hình huấn luyện bắn súng",
            "thiết bị báo cháy tự động",
            "bia di động điều khiển từ xa",
            "lăng phun nước chữa cháy cải tiến",
            "xuồng cứu hộ cải tiến",
            "bộ dụng cụ phá dỡ cứu nạn",
            "hệ thống cảnh báo xâm nhập kho",
        ],
        "models": [
            "Camera an ninh",
            "Tổ liên gia an toàn phòng cháy, chữa cháy",
            "Điểm chữa cháy công cộng",
            "Khu dân cư an toàn về an ninh trật tự",
            "Đồn Biên phòng - Nhà văn hóa",
            "Nâng bước em tới trường",
        ],
        "people": ["chiến sĩ", "dân quân", "người dân", "cán bộ, chiến sĩ"],
        "problems": [
            "thời gian tiếp cận hiện trường còn dài",
            "trang thiết bị huấn luyện thiếu và hao mòn",
            "địa bàn rộng, lực lượng mỏng",
            "việc quản lý hồ sơ bằng giấy dễ nhầm lẫn",
        ],
        "results": [
            "thời gian triển khai lực lượng giảm từ {b} phút xuống {a} phút",
            "tỷ lệ chiến sĩ đạt khá, giỏi tăng từ {a}% lên {b}%",
            "số vụ tai nạn giao thông giảm từ {b} xuống {a} vụ",
            "số vụ việc được giải quyết tăng từ {a}% lên {b}%",
        ],
        "scopes": [
            "các đơn vị lực lượng vũ trang",
            "công an các xã, phường",
            "các ban chỉ huy quân sự xã",
            "các đồn biên phòng",
        ],
    },
    "community": {
        "make": "Thiết kế",
        "tasks": [
            "bảo tồn tiếng nói, chữ viết của đồng bào {ethnic}",
            "bảo tồn lễ hội truyền thống",
            "dạy chữ {ethnic} cho thanh thiếu niên",
            "hoạt động từ thiện, nhân đạo",
            "vận động đồng bào xây dựng nông thôn mới",
            "giữ gìn an ninh trật tự tại cơ sở thờ tự",
            "phát triển nghề dệt thổ cẩm",
            "phát triển du lịch cộng đồng",
            "tổ chức lớp học tình thương",
            "vận động xóa bỏ hủ tục",
            "hỗ trợ sinh kế cho đồng bào",
            "trồng và bảo vệ rừng cộng đồng",
        ],
        "records": [
            "tư liệu văn hóa của đồng bào {ethnic}",
            "sổ theo dõi hoạt động từ thiện",
            "danh sách hộ được hỗ trợ sinh kế",
            "tư liệu lễ hội truyền thống",
        ],
        "goals": [
            "phát huy vai trò người có uy tín",
            "sống tốt đời, đẹp đạo",
            "giữ gìn bản sắc văn hóa dân tộc",
            "nâng cao thu nhập cho đồng bào",
            "tăng cường đoàn kết lương giáo",
            "giảm tảo hôn và hôn nhân cận huyết thống",
            "bảo vệ môi trường tại cơ sở tôn giáo",
        ],
        "devices": [
            "khung dệt thổ cẩm cải tiến",
            "bếp đun tiết kiệm củi",
            "lò sấy nông sản bằng trấu",
            "bộ tài liệu song ngữ Việt - {ethnic}",
        ],
        "models": [
            "Bếp ăn từ thiện",
            "Tủ bánh mì 0 đồng",
            "Cơ sở tôn giáo xanh, sạch, đẹp",
            "Già làng nói, dân làng nghe",
            "Phum sóc văn hóa",
            "Tổ liên kết dệt thổ cẩm",
            "Ngôi nhà tình thương",
        ],
        "people": ["đồng bào", "tín đồ", "người có uy tín", "hộ nghèo", "thanh thiếu niên"],
        "problems": [
            "nhiều nét văn hóa truyền thống có nguy cơ mai một",
            "đời sống của nhiều hộ đồng bào còn khó khăn",
            "một số hủ tục vẫn còn tồn tại",
            "hoạt động từ thiện còn tự phát, thiếu gắn kết",
        ],
        "results": [
            "số hộ đồng bào có thu nhập ổn định tăng từ {a} lên {b} hộ",
            "số thanh thiếu niên biết chữ dân tộc tăng từ {a} lên {b} em",
            "số suất ăn từ thiện mỗi tháng tăng từ {a} lên {b} suất",
            "số vụ tảo hôn giảm từ {b} xuống {a} vụ",
        ],
        "scopes": [
            "các cơ sở tôn giáo",
            "các ấp, bản có đông đồng bào dân tộc thiểu số",
            "các cộng đồng dân cư",
            "các xã vùng đồng bào dân tộc",
        ],
    },
    "overseas": {
        "make": "Xây dựng",
        "tasks": [
            "kết nối giao thương với doanh nghiệp trong nước",
            "quảng bá nông sản Việt Nam ra nước ngoài",
            "dạy tiếng Việt cho con em kiều bào",
            "vận động học bổng cho học sinh nghèo quê nhà",
            "chuyển giao công nghệ về quê hương",
            "tổ chức Tết cộng đồng",
            "hỗ trợ lao động Việt Nam ở nước ngoài",
            "giới thiệu du lịch Việt Nam",
        ],
        "records": [
            "danh bạ doanh nhân kiều bào",
            "tư liệu lớp học tiếng Việt",
            "danh sách học bổng",
        ],
        "goals": [
            "hướng về xây dựng quê hương, đất nước",
            "giữ gìn tiếng Việt trong cộng đồng",
            "đưa hàng Việt Nam vào hệ thống phân phối nước ngoài",
            "gắn kết cộng đồng người Việt ở nước ngoài",
            "thu hút đầu tư về quê hương",
        ],
        "devices": ["ứng dụng học tiếng Việt trực tuyến", "sàn giao dịch nông sản trực tuyến"],
        "models": [
            "Tủ sách tiếng Việt",
            "Cầu nối giao thương",
            "Vì biển đảo quê hương",
            "Học bổng tiếp sức đến trường",
        ],
        "people": ["kiều bào", "con em kiều bào", "doanh nghiệp trong nước", "học sinh quê nhà"],
        "problems": [
            "con em kiều bào thế hệ sau ít nói tiếng Việt",
            "nông sản Việt khó tiếp cận hệ thống phân phối nước ngoài",
            "thông tin về quê hương đến kiều bào còn hạn chế",
        ],
        "results": [
            "số em theo học lớp tiếng Việt tăng từ {a} lên {b} em",
            "số doanh nghiệp được kết nối tăng từ {a} lên {b} doanh nghiệp",
            "số suất học bổng tăng từ {a} lên {b} suất mỗi năm",
        ],
        "scopes": [
            "các hội đoàn người Việt ở nước ngoài",
            "cộng đồng người Việt tại {country}",
        ],
    },
}

# Which domains a unit of each kind writes about (domain, weight). Agriculture creeps into
# member organisations (the farmers' association) and cooperatives (see synthetic.py).
KIND_DOMAINS = {
    "school": [("education", 90), ("administration", 10)],
    "hospital": [("health", 92), ("administration", 8)],
    "enterprise": [("industry", 70), ("agriculture", 30)],
    "armed_forces": [("security", 92), ("administration", 8)],
    "community": [("community", 85), ("agriculture", 15)],
    "state_agency": [("administration", 80), ("agriculture", 10), ("education", 5), ("health", 5)],
    "front_committee": [("administration", 45), ("mass_org", 45), ("agriculture", 10)],
    "member_org": [("mass_org", 65), ("agriculture", 25), ("administration", 10)],
}

# The field (plan_defaults.FIELDS code) a unit of each kind files under.
KIND_FIELDS = {
    "enterprise": "doanh-nghiep",
    "front_committee": "he-thong-chinh-tri",
    "member_org": "he-thong-chinh-tri",
    "state_agency": "he-thong-chinh-tri",
    "school": "su-nghiep",
    "hospital": "su-nghiep",
    "armed_forces": "luc-luong-vu-trang",
    "community": "dan-toc-ton-giao-kieu-bao",
}

SUBJECTS = [
    "Toán",
    "Ngữ văn",
    "Tiếng Anh",
    "Vật lý",
    "Hóa học",
    "Sinh học",
    "Lịch sử",
    "Địa lý",
    "Tin học",
    "Công nghệ",
    "Âm nhạc",
    "Mỹ thuật",
    "Khoa học tự nhiên",
    "Giáo dục công dân",
]
