"""The demo's initiatives: forty stories of the plan's units, each filed by its author and taken
along its path by the clerk (drafts, submissions, returns, withdrawals, forwards).

Two of them are the history: the round of 2019, appraised by the province council of 2019. The
other thirty-eight are the open round of 2026, filed in today's tree (after the reform of
1 July 2025): the dossiers in appraisal sit with the open councils of 2026 (the province
committee's and the Women's Union's); the units under communes and wards wait, submitted, in
the clerk's queue.

Steps of `manage.py demo_data` (see sangtao.demo.story): `stories_2019` (60) and
`stories_2026` (87)."""

import datetime
import io
from dataclasses import dataclass
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from sangtao.accounts.models import User
from sangtao.orgs.models import OrgUnit

from . import services as initiatives
from .models import Initiative

# The linked campaigns, as plan_defaults.CAMPAIGNS names them.
NTM = "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh"
HVN = "Người Việt Nam ưu tiên dùng hàng Việt Nam"
TN_NTM = "Tây Ninh chung sức xây dựng nông thôn mới"

# Field codes of plan_defaults.FIELDS (section II of the plan).
ENTERPRISES = "doanh-nghiep"
POLITICAL = "he-thong-chinh-tri"
PUBLIC_SERVICE = "su-nghiep"
ARMED_FORCES = "luc-luong-vu-trang"
COMMUNITIES = "dan-toc-ton-giao-kieu-bao"


# Who files, how it ends. "revised": returned, completed by the author, submitted again and
# forwarded. The council's decisions (recognised, not recognised) come afterwards, from the
# province council of 2019 (COUNCIL_2019).
DRAFT, SUBMITTED, RETURNED, IN_APPRAISAL = "draft", "submitted", "returned", "in_appraisal"
REVISED, WITHDRAWN, WITHDRAWN_DRAFT = "revised", "withdrawn", "withdrawn_draft"


@dataclass(frozen=True)
class Story:
    """One initiative of the demo and the path it takes."""

    unit: str
    field: str
    kind: str
    year: int
    ends: str
    title: str
    summary: str
    essence: str = ""
    first_applied_on: datetime.date | None = None
    scope: str = ""
    benefits: str = ""
    conditions: str = ""
    saving: int | None = None
    campaigns: tuple[str, ...] = ()
    filer_share: int = 100
    # co-authors: (full name, position, share) or (full name, position, share, unit name)
    coauthors: tuple[tuple, ...] = ()
    collective: str = ""
    reason: str = ""  # why it was returned (by the clerk) or withdrawn (by the author)
    revision: str = ""  # the benefits as completed after a return ("revised")
    filed_by: str = ""  # a role account instead of the unit's author


STORIES = [
    # 1. Enterprises and production units ----------------------------------------------------
    Story(
        "htx",
        ENTERPRISES,
        Initiative.Kind.INITIATIVE,
        2026,
        SUBMITTED,
        "Mô hình máy sấy lúa tiết kiệm điện cho tổ hợp tác",
        "Cải tạo máy sấy lúa vỉ ngang của tổ hợp tác: quạt chạy biến tần và buồng đốt trấu thay "
        "điện trở, giảm điện năng tiêu thụ khi sấy.",
        "Lắp biến tần điều chỉnh tốc độ quạt theo độ ẩm hạt; bổ sung buồng đốt trấu gián tiếp "
        "cấp nhiệt; bọc cách nhiệt thành buồng sấy bằng tấm xốp và tôn lạnh.",
        datetime.date(2026, 3, 15),
        "Tổ hợp tác sấy lúa của Hợp tác xã và các hộ làm dịch vụ sấy lúa trong xã Thạnh Đức, "
        "phường Gò Dầu.",
        "Điện năng tiêu thụ giảm khoảng 35% mỗi mẻ sấy 8 tấn; lúa khô đều, ít hạt rạn gãy; "
        "nông dân không phải phơi lúa trên đường giao thông.",
        "Máy sấy vỉ ngang sẵn có; nguồn trấu tại chỗ; chi phí cải tạo khoảng 45 triệu đồng "
        "mỗi máy.",
        96_000_000,
        (NTM, TN_NTM),
        60,
        (("Lê Thành Công", "Thợ cơ khí, thành viên tổ hợp tác", 40),),
    ),
    Story(
        "tinh_bot",
        ENTERPRISES,
        Initiative.Kind.INITIATIVE,
        2026,
        SUBMITTED,
        "Tận dụng khí biogas từ nước thải chế biến tinh bột mì để sấy sản phẩm",
        "Thu khí biogas từ hồ xử lý nước thải của nhà máy làm nhiên liệu cho lò sấy tinh bột, "
        "thay một phần dầu FO.",
        "Phủ bạt HDPE kín hồ xử lý kỵ khí để thu khí; lắp hệ thống lọc H2S và máy thổi đưa "
        "biogas tới đầu đốt của lò sấy; đầu đốt chạy được cả biogas và dầu.",
        datetime.date(2026, 1, 10),
        "Phân xưởng sấy của nhà máy; áp dụng được cho các cơ sở chế biến tinh bột mì trên "
        "địa bàn tỉnh.",
        "Thay thế khoảng 40% lượng dầu FO của lò sấy; giảm mùi hôi từ hồ nước thải, cải thiện "
        "môi trường khu dân cư lân cận.",
        "Hồ xử lý kỵ khí đủ dung tích; kinh phí đầu tư ban đầu khoảng 1,5 tỷ đồng.",
        1_200_000_000,
        (NTM,),
        50,
        (
            ("Nguyễn Thị Kim Loan", "Kỹ sư môi trường", 30),
            ("Phạm Văn Đạt", "Tổ trưởng tổ cơ điện", 20),
        ),
    ),
    Story(
        "co_khi",
        ENTERPRISES,
        Initiative.Kind.INVENTION,
        2026,
        SUBMITTED,
        "Bộ gá kẹp nhanh cho máy phay CNC gia công chi tiết máy nông nghiệp",
        "Bộ gá kẹp bằng khí nén, định vị theo chốt, thay phôi dưới một phút khi phay chi tiết "
        "dàn cày và máy xới.",
        "Đế gá có hai chốt định vị và bốn xi lanh khí nén kẹp phôi đồng thời; van điều khiển "
        "bằng bàn đạp; đế gá lắp lẫn được cho ba loại chi tiết thường gia công.",
        datetime.date(2026, 5, 20),
        "Máy phay CNC của phân xưởng; các xưởng gia công chi tiết máy nông nghiệp có máy phay CNC.",
        "Thời gian gá đặt mỗi chi tiết giảm từ 6 phút xuống dưới 1 phút; sai số định vị ổn "
        "định, giảm phế phẩm.",
        "Nguồn khí nén 6 bar sẵn có tại xưởng.",
        95_000_000,
        (HVN,),
        70,
        (("Trần Quốc Việt", "Kỹ thuật viên CNC", 30),),
    ),
    Story(
        "htx",
        ENTERPRISES,
        Initiative.Kind.METHOD,
        2026,
        SUBMITTED,
        "Ứng dụng mã QR truy xuất nguồn gốc rau an toàn của hợp tác xã",
        "Tem mã QR trên từng lô rau: người mua quét mã xem nhật ký sản xuất, ngày thu hoạch và "
        "kết quả kiểm tra dư lượng thuốc bảo vệ thực vật.",
        "Xã viên ghi nhật ký canh tác trên ứng dụng điện thoại; hợp tác xã in tem QR cho từng "
        "lô khi thu hoạch; thông tin lô hàng hiện trên trang truy xuất nguồn gốc miễn phí.",
        datetime.date(2026, 2, 1),
        "Các tổ sản xuất rau an toàn của hợp tác xã; các cửa hàng, bếp ăn tập thể nhận rau.",
        "Hai siêu thị và ba bếp ăn trường học ký hợp đồng bao tiêu; giá bán tăng 10–15% so "
        "với rau không rõ nguồn gốc.",
        "Xã viên có điện thoại thông minh; máy in tem nhiệt.",
        150_000_000,
        (HVN, TN_NTM),
        50,
        (("Võ Thị Bé Ba", "Tổ trưởng tổ sản xuất rau an toàn", 50),),
    ),
    Story(
        "tinh_bot",
        ENTERPRISES,
        Initiative.Kind.INVENTION,
        2026,
        DRAFT,
        "Dây chuyền đóng bao tinh bột mì bán tự động dùng cân điện tử",
        "Cân định lượng điện tử điều khiển cửa xả, đóng bao 50 kg chính xác, giảm lao động "
        "thủ công.",
        "Bộ điều khiển PLC đọc tín hiệu cảm biến lực, đóng cửa xả khi đủ khối lượng; băng tải "
        "đưa bao qua máy may miệng bao.",
        datetime.date(2026, 6, 1),
        "Khâu đóng bao thành phẩm của nhà máy.",
    ),
    Story(
        "tinh_bot",
        ENTERPRISES,
        Initiative.Kind.METHOD,
        2026,
        RETURNED,
        "Bố trí lại ca vận hành lò hơi theo phụ tải để giảm tiêu hao nhiên liệu",
        "Gom các công đoạn dùng hơi vào cùng khung giờ, cho lò hơi chạy ổn định ở công suất "
        "định mức thay vì chạy non tải cả ngày.",
        "Lập biểu đồ phụ tải hơi theo giờ; bố trí lại lịch các công đoạn dùng hơi; quy định "
        "thao tác đốt lò và xả đáy theo ca.",
        datetime.date(2025, 10, 1),
        "Lò hơi 10 tấn/giờ của nhà máy.",
        "Giảm khoảng 12% lượng củi và trấu đốt lò mỗi tháng.",
        "Các phân xưởng thống nhất lịch sản xuất.",
        180_000_000,
        reason="Chưa có số liệu tiêu hao nhiên liệu trước và sau khi áp dụng; đề nghị bổ sung "
        "bảng theo dõi ít nhất 6 tháng có xác nhận của phòng Kỹ thuật.",
    ),
    Story(
        "htx",
        ENTERPRISES,
        Initiative.Kind.IDEA,
        2026,
        WITHDRAWN,
        "Sàn giao dịch nông sản trực tuyến cho các tổ hợp tác khu vực Gò Dầu",
        "Một trang đăng tin mua bán nông sản chung cho các tổ hợp tác, hợp tác xã trong khu vực.",
        "Mỗi tổ hợp tác có tài khoản đăng sản lượng, giá bán dự kiến; thương lái và doanh "
        "nghiệp đặt hàng trực tiếp.",
        None,
        "Các tổ hợp tác, hợp tác xã nông nghiệp khu vực Gò Dầu.",
        "Giảm khâu trung gian, nông dân chủ động đầu ra.",
        "Cần đơn vị quản trị trang và kinh phí duy trì.",
        reason="Hợp tác xã đã tham gia sàn thương mại điện tử chung của tỉnh nên rút ý tưởng "
        "để tránh trùng lặp.",
    ),
    Story(
        "co_khi",
        ENTERPRISES,
        Initiative.Kind.METHOD,
        2026,
        SUBMITTED,
        "Áp dụng 5S tại xưởng cơ khí để giảm thời gian tìm dụng cụ, vật tư",
        "Sàng lọc, sắp xếp, sạch sẽ, săn sóc, sẵn sàng: bảng dụng cụ theo hình, mã màu kệ vật "
        "tư, chấm điểm 5S hằng tuần.",
        "Loại bỏ vật tư tồn đọng; vẽ hình dụng cụ trên bảng treo; gắn mã màu cho kệ theo nhóm "
        "vật tư; phân công khu vực và chấm điểm 5S mỗi tuần.",
        datetime.date(2026, 3, 1),
        "Phân xưởng cơ khí và kho vật tư.",
        "Thời gian tìm dụng cụ giảm khoảng 70%; giải phóng 40 m² mặt bằng; giảm tai nạn lao "
        "động do vướng vật tư.",
        "Lãnh đạo công ty cam kết; công nhân được hướng dẫn 5S.",
        40_000_000,
        (),
        40,
        (("Đinh Thị Hồng", "Thủ kho", 30), ("Mai Văn Lực", "Tổ trưởng tổ tiện", 30)),
    ),
    # 2. Agencies of the political system ----------------------------------------------------
    Story(
        "province",
        POLITICAL,
        Initiative.Kind.INITIATIVE,
        2026,
        IN_APPRAISAL,
        "Ứng dụng Zalo OA trong tiếp nhận phản ánh của Nhân dân",
        "Tài khoản Zalo chính thức (OA) của Ủy ban MTTQ Việt Nam tỉnh để Nhân dân gửi phản "
        "ánh, kiến nghị và nhận trả lời trực tuyến.",
        "Biểu mẫu phản ánh có phân loại lĩnh vực; cán bộ Ban Dân chủ - Pháp luật tiếp nhận, "
        "chuyển cơ quan có thẩm quyền và trả lời qua Zalo; tổng hợp phản ánh hằng tháng phục "
        "vụ giám sát.",
        datetime.date(2026, 4, 1),
        "Ủy ban MTTQ Việt Nam tỉnh; nhân rộng cho Ủy ban MTTQ Việt Nam các xã, phường.",
        "Thời gian tiếp nhận và chuyển phản ánh giảm từ 5–7 ngày xuống 1–2 ngày; năm đầu tiếp "
        "nhận hơn 600 phản ánh, 85% được trả lời đúng hạn.",
        "Cán bộ được phân công trực; quy chế phối hợp với các sở, ngành.",
        60_000_000,
        (NTM,),
        50,
        (("Lê Thị Hồng Nhung", "Chuyên viên Ban Dân chủ - Pháp luật", 50),),
    ),
    Story(
        "hoi_phu_nu",
        POLITICAL,
        Initiative.Kind.INITIATIVE,
        2026,
        IN_APPRAISAL,
        "Sổ tay hội viên phụ nữ điện tử trên điện thoại",
        "Chuyển sổ tay hội viên giấy sang điện thoại: thông tin hội viên, lịch sinh hoạt, tài "
        "liệu tuyên truyền.",
        "Biểu mẫu trực tuyến miễn phí cập nhật danh sách hội viên theo chi hội; tài liệu sinh "
        "hoạt gửi qua nhóm Zalo; số liệu tổng hợp tự động theo mẫu báo cáo của Hội.",
        datetime.date(2026, 2, 15),
        "Các cơ sở Hội trong tỉnh.",
        "Giảm chi phí in sổ tay và tài liệu; số liệu hội viên cập nhật hằng tháng thay vì "
        "cuối năm.",
        "Cán bộ chi hội dùng được điện thoại thông minh.",
        85_000_000,
    ),
    Story(
        "hoi_phu_nu",
        POLITICAL,
        Initiative.Kind.METHOD,
        2026,
        REVISED,
        "Tổ phụ nữ tiết kiệm vốn xoay vòng giúp hội viên khó khăn",
        "Hội viên trong tổ góp tiết kiệm hằng tháng, lần lượt cho hội viên khó khăn vay không "
        "lãi để chăn nuôi, buôn bán nhỏ.",
        "Mỗi tổ 15–20 hội viên, góp 100.000 đồng mỗi tháng; tổ họp bình xét thứ tự vay; Hội "
        "cơ sở theo dõi, hướng dẫn cách làm ăn và kiểm tra việc sử dụng vốn.",
        datetime.date(2025, 6, 1),
        "Chi hội phụ nữ các ấp, khu phố.",
        "Sau một năm có 42 tổ, 126 lượt hội viên được vay vốn; 31 hộ thoát nghèo.",
        "Hội viên tự nguyện; tổ có quy chế rõ ràng.",
        None,
        (NTM, TN_NTM),
        50,
        (("Trần Thị Mai", "Chủ tịch Hội LHPN xã", 50, "Hội LHPN xã Thạnh Đức"),),
        collective="Ban Thường vụ Hội Liên hiệp Phụ nữ tỉnh",
        reason="Đề nghị bổ sung xác nhận của chính quyền địa phương về số hộ thoát nghèo.",
        revision="Sau một năm có 42 tổ, 126 lượt hội viên được vay vốn; 31 hộ thoát nghèo "
        "(có xác nhận của Ủy ban nhân dân các xã, danh sách kèm theo).",
    ),
    Story(
        "tinh_doan",
        POLITICAL,
        Initiative.Kind.INITIATIVE,
        2026,
        SUBMITTED,
        "Điểm danh và biểu quyết trong sinh hoạt chi đoàn bằng mã QR",
        "Đoàn viên quét mã QR để điểm danh và biểu quyết trong buổi sinh hoạt; kết quả tổng "
        "hợp ngay cho bí thư chi đoàn.",
        "Mỗi buổi sinh hoạt có một biểu mẫu trực tuyến và mã QR riêng; đoàn viên nhập số thẻ "
        "đoàn viên; kết quả biểu quyết hiện ngay trên màn hình.",
        datetime.date(2025, 9, 1),
        "Các chi đoàn trực thuộc Tỉnh Đoàn.",
        "Rút ngắn thời gian điểm danh, kiểm phiếu; số liệu sinh hoạt được lưu để đánh giá "
        "đoàn viên cuối năm.",
        "Đoàn viên có điện thoại kết nối mạng.",
        20_000_000,
        (),
        70,
        (("Lê Thị Thúy Vy", "Bí thư chi đoàn", 30),),
    ),
    Story(
        "tinh_doan",
        POLITICAL,
        Initiative.Kind.METHOD,
        2026,
        SUBMITTED,
        "Đội hình thanh niên tình nguyện sửa chữa điện dân dụng miễn phí cho hộ nghèo",
        "Đoàn viên có tay nghề điện kiểm tra, sửa chữa hệ thống điện an toàn cho hộ nghèo, "
        "hộ neo đơn.",
        "Phối hợp ngành điện khảo sát các hộ có nguy cơ mất an toàn điện; mỗi tháng một đợt "
        "ra quân; vật tư do doanh nghiệp tài trợ.",
        datetime.date(2026, 3, 26),
        "Các xã, phường trong tỉnh.",
        "Năm 2025 sửa chữa, thay mới hệ thống điện cho 350 hộ; không xảy ra tai nạn điện tại "
        "các hộ được hỗ trợ.",
        "Đoàn viên được tập huấn an toàn điện; vật tư xã hội hóa.",
        70_000_000,
        (NTM,),
        50,
        (("Trương Minh Nhựt", "Đội trưởng đội hình thanh niên tình nguyện", 50),),
        collective="Đội hình Thanh niên tình nguyện Tỉnh Đoàn",
    ),
    Story(
        "hoi_nong_dan",
        POLITICAL,
        Initiative.Kind.INITIATIVE,
        2026,
        SUBMITTED,
        "Video ngắn hướng dẫn trồng mãng cầu Bà Đen theo tiêu chuẩn VietGAP",
        "Bộ 12 video ngắn hướng dẫn từng khâu trồng, chăm sóc, thu hoạch mãng cầu theo "
        "VietGAP, phát qua Zalo và mạng xã hội.",
        "Cán bộ khuyến nông cùng quay các khâu kỹ thuật tại vườn của hội viên sản xuất giỏi; "
        "mỗi video dưới 5 phút, có phụ đề; chi hội xem và thảo luận trong buổi sinh hoạt.",
        datetime.date(2025, 11, 1),
        "Hội viên trồng mãng cầu ở Thành phố Tây Ninh, Dương Minh Châu, Tân Châu.",
        "Hơn 1.200 hội viên xem và áp dụng; tỷ lệ trái loại 1 của các vườn áp dụng tăng "
        "khoảng 20%.",
        "Cán bộ khuyến nông hỗ trợ kỹ thuật quay.",
        30_000_000,
        (HVN, TN_NTM),
        60,
        (("Huỳnh Thị Ngọc Mai", "Cán bộ khuyến nông", 40, "Trung tâm Khuyến nông tỉnh"),),
    ),
    Story(
        "hoi_nong_dan",
        POLITICAL,
        Initiative.Kind.IDEA,
        2026,
        DRAFT,
        "Câu lạc bộ nông dân liên kết bán nông sản qua mạng xã hội",
        "Mỗi xã một câu lạc bộ nông dân trẻ bán nông sản trực tuyến dưới một thương hiệu chung.",
    ),
    Story(
        "hoi_ccb",
        POLITICAL,
        Initiative.Kind.METHOD,
        2026,
        SUBMITTED,
        "Quỹ Cựu chiến binh giúp nhau làm kinh tế, cho vay không lãi",
        "Hội viên đóng góp xây dựng quỹ, cho hội viên khó khăn vay không lãi trong 12 tháng "
        "để phát triển sản xuất.",
        "Chi hội lập quỹ từ đóng góp tự nguyện và nhà hảo tâm; Ban Chấp hành xét cho vay theo "
        "mức độ khó khăn; hội viên vay vốn được chi hội theo dõi, giúp đỡ kỹ thuật.",
        datetime.date(2025, 7, 27),
        "Các chi hội Cựu chiến binh cơ sở.",
        "Quỹ đạt hơn 2 tỷ đồng; 410 lượt hội viên được vay; 95 hộ thoát nghèo.",
        "Quy chế quản lý quỹ công khai.",
        None,
        (NTM,),
    ),
    Story(
        "hoi_ccb",
        POLITICAL,
        Initiative.Kind.INITIATIVE,
        2026,
        RETURNED,
        "Số hóa hồ sơ hội viên Cựu chiến binh bằng phần mềm nguồn mở",
        "Nhập hồ sơ hội viên vào phần mềm quản lý nguồn mở trên máy chủ của Hội, tra cứu và "
        "in báo cáo theo mẫu.",
        "Cài đặt và Việt hóa phần mềm quản lý hội viên nguồn mở; nhập dữ liệu từ sổ hội viên; "
        "phân quyền cập nhật cho Hội cấp xã.",
        datetime.date(2026, 3, 1),
        "Hội Cựu chiến binh tỉnh và các xã, phường.",
        "Tra cứu hồ sơ hội viên trong vài giây; báo cáo hội viên theo độ tuổi, hoàn cảnh lập "
        "tự động.",
        "Máy chủ và cán bộ quản trị.",
        25_000_000,
        (),
        70,
        (("Nguyễn Văn Hùng", "Chánh Văn phòng", 30),),
        reason="Chưa nêu số đơn vị và thời gian áp dụng thực tế; đề nghị bổ sung minh chứng "
        "áp dụng tại ít nhất một Hội cấp xã.",
    ),
    Story(
        "ldld",
        POLITICAL,
        Initiative.Kind.INITIATIVE,
        2026,
        SUBMITTED,
        "Hòm thư góp ý trực tuyến cho đoàn viên công đoàn tại doanh nghiệp",
        "Công nhân gửi góp ý, kiến nghị ẩn danh qua mã QR dán tại nhà ăn, khu nghỉ; công đoàn "
        "cơ sở tổng hợp và đối thoại với chủ doanh nghiệp.",
        "Mỗi công đoàn cơ sở có một biểu mẫu trực tuyến và mã QR; cán bộ công đoàn xem góp ý "
        "hằng tuần; kiến nghị được đưa vào hội nghị đối thoại định kỳ.",
        datetime.date(2026, 1, 15),
        "Công đoàn cơ sở các doanh nghiệp trong khu công nghiệp Trảng Bàng, Phước Đông.",
        "Số kiến nghị được giải quyết tăng gấp đôi; giảm các vụ ngừng việc tập thể tại doanh "
        "nghiệp áp dụng.",
        "Chủ doanh nghiệp đồng thuận.",
    ),
    Story(
        "ldld",
        POLITICAL,
        Initiative.Kind.METHOD,
        2026,
        WITHDRAWN_DRAFT,
        "Phiên chợ Tết 0 đồng cho công nhân lao động khó khăn",
        "Công nhân khó khăn nhận phiếu mua hàng miễn phí tại phiên chợ Tết do công đoàn và "
        "doanh nghiệp tài trợ.",
        "Công đoàn cơ sở bình xét đối tượng; Liên đoàn Lao động vận động doanh nghiệp tài trợ "
        "hàng thiết yếu; mỗi công nhân nhận phiếu trị giá 500.000 đồng.",
        datetime.date(2026, 1, 10),
        reason="Hoạt động đã báo cáo trong chương trình chăm lo Tết của Liên đoàn Lao động, "
        "không phải sáng kiến mới.",
    ),
    Story(
        "lien_hiep_khkt",
        POLITICAL,
        Initiative.Kind.INITIATIVE,
        2026,
        SUBMITTED,
        "Phần mềm chấm điểm Hội thi Sáng tạo kỹ thuật trực tuyến",
        "Giám khảo chấm các giải pháp dự thi trên phần mềm; kết quả tổng hợp tự động, công "
        "khai cho tác giả.",
        "Phần mềm web để Ban Tổ chức nhập hồ sơ dự thi, phân công giám khảo theo lĩnh vực, "
        "chấm theo tiêu chí có trọng số và tự động xếp giải.",
        datetime.date(2026, 8, 1),
        "Hội thi Sáng tạo kỹ thuật tỉnh và Cuộc thi Sáng tạo thanh thiếu niên nhi đồng.",
        "Thời gian tổng hợp kết quả giảm từ 2 tuần xuống 2 ngày; hạn chế sai sót khi cộng điểm.",
        "Máy chủ và đường truyền internet.",
        45_000_000,
        (),
        60,
        (("Lê Quang Vinh", "Giảng viên, hội viên Hội Tin học", 40),),
    ),
    Story(
        "lien_hiep_khkt",
        POLITICAL,
        Initiative.Kind.IDEA,
        2026,
        SUBMITTED,
        "Bản đồ số các sáng kiến được công nhận trên địa bàn tỉnh",
        "Các sáng kiến, mô hình đã được công nhận hiện trên bản đồ số để các đơn vị tìm hiểu, "
        "học tập và nhân rộng.",
        "Mỗi sáng kiến gắn vị trí nơi áp dụng, lĩnh vực, năm công nhận; người dùng lọc theo "
        "xã, phường, lĩnh vực và xem tóm tắt.",
        None,
        "Toàn tỉnh.",
        "Giúp nhân rộng sáng kiến giữa các địa phương có điều kiện tương đồng.",
        "Dữ liệu sáng kiến được công bố công khai.",
    ),
    Story(
        "so_khcn",
        POLITICAL,
        Initiative.Kind.METHOD,
        2019,
        IN_APPRAISAL,
        "Tiếp nhận và xử lý hồ sơ thẩm định công nghệ dự án đầu tư qua mạng",
        "Nhà đầu tư nộp hồ sơ thẩm định công nghệ trực tuyến; các bên góp ý trên cùng một hồ "
        "sơ điện tử.",
        "Số hóa biểu mẫu hồ sơ; lập luồng xử lý trên hệ thống một cửa điện tử; lấy ý kiến "
        "chuyên gia qua thư điện tử có hạn trả lời.",
        datetime.date(2019, 2, 1),
        "Phòng Quản lý công nghệ, Sở Khoa học và Công nghệ.",
        "Thời gian thẩm định bình quân giảm từ 15 xuống 9 ngày làm việc; nhà đầu tư không "
        "phải đi lại nộp hồ sơ giấy.",
        "Hệ thống một cửa điện tử của tỉnh.",
        35_000_000,
    ),
    Story(
        "so_noi_vu",
        POLITICAL,
        Initiative.Kind.INITIATIVE,
        2026,
        SUBMITTED,
        "Phần mềm theo dõi, nhắc hạn hồ sơ đề nghị khen thưởng",
        "Theo dõi tiến độ từng hồ sơ khen thưởng và tự động nhắc hạn qua thư điện tử cho đơn "
        "vị trình.",
        "Thêm trường hạn xử lý vào phần mềm quản lý văn bản; nhắc hạn tự động trước 3 ngày.",
        datetime.date(2026, 4, 1),
        "Ban Thi đua - Khen thưởng, Sở Nội vụ.",
        "Không còn hồ sơ trễ hạn trong 6 tháng áp dụng.",
        "Phần mềm quản lý văn bản đang dùng.",
        15_000_000,
    ),
    Story(
        "so_gddt",
        POLITICAL,
        Initiative.Kind.METHOD,
        2019,
        IN_APPRAISAL,
        "Biểu mẫu điện tử thống nhất chấm sáng kiến kinh nghiệm ngành giáo dục",
        "Hội đồng các cấp của ngành chấm sáng kiến kinh nghiệm trên cùng một biểu mẫu điện "
        "tử, theo tiêu chí chung.",
        "Ban hành bộ tiêu chí và biểu mẫu chấm thống nhất; giám khảo nhập điểm trên bảng tính "
        "dùng chung; tự động báo chênh lệch điểm lớn giữa hai giám khảo.",
        datetime.date(2019, 1, 15),
        "Hội đồng chấm sáng kiến kinh nghiệm cấp trường, cấp huyện và cấp tỉnh của ngành.",
        "Kết quả chấm khách quan, minh bạch; thời gian tổng hợp giảm hơn một nửa.",
        "Máy tính kết nối mạng tại các hội đồng.",
        50_000_000,
        (),
        60,
        (("Phan Văn Khải", "Chuyên viên Phòng Khảo thí", 40),),
    ),
    # 3. Public service units: schools, health centres ---------------------------------------
    Story(
        "thpt_tay_ninh",
        PUBLIC_SERVICE,
        Initiative.Kind.INITIATIVE,
        2026,
        SUBMITTED,
        "Lớp học trực tuyến ôn thi tốt nghiệp THPT cho học sinh ở xa trường",
        "Ôn thi buổi tối qua lớp học trực tuyến miễn phí cho học sinh lớp 12 ở các xã xa trường.",
        "Nền tảng lớp học trực tuyến miễn phí để giao và chấm bài; giáo viên luân phiên dạy "
        "hai buổi tối mỗi tuần; ngân hàng đề ôn tập dùng chung trong tổ chuyên môn.",
        datetime.date(2026, 2, 18),
        "Học sinh lớp 12 của trường; áp dụng được cho các trường THPT trong tỉnh.",
        "Tỷ lệ học sinh tham gia ôn tập tăng từ 60% lên 92%; điểm trung bình thi tốt nghiệp "
        "môn Toán tăng 0,6 điểm.",
        "Học sinh có thiết bị kết nối mạng; trường mở phòng máy cho học sinh khó khăn.",
        40_000_000,
        (),
        60,
        (("Trần Minh Luân", "Giáo viên Toán", 40),),
        filed_by="tacgia",
    ),
    Story(
        "thpt_tay_ninh",
        PUBLIC_SERVICE,
        Initiative.Kind.INITIATIVE,
        2026,
        RETURNED,
        "Phòng thí nghiệm Vật lý ảo bằng phần mềm mô phỏng nguồn mở",
        "Phần mềm mô phỏng nguồn mở cho các thí nghiệm Vật lý thiếu thiết bị hoặc nguy hiểm.",
        "Chọn 24 thí nghiệm trong chương trình; soạn phiếu học tập gắn với mô phỏng; học sinh "
        "làm thí nghiệm ảo theo nhóm rồi đối chiếu với thí nghiệm thật khi có thiết bị.",
        datetime.date(2025, 9, 10),
        "Môn Vật lý khối 10, 11, 12.",
        "Học sinh thực hành đủ các thí nghiệm của chương trình; tiết kiệm chi phí mua sắm "
        "thiết bị.",
        "Phòng máy tính hoặc máy chiếu.",
        60_000_000,
        (),
        50,
        (("Lê Văn Tư", "Giáo viên Vật lý", 50),),
        reason="Đề nghị bổ sung kết quả khảo sát học sinh sau khi áp dụng và ý kiến xác nhận "
        "của Tổ chuyên môn.",
        filed_by="tacgia",
    ),
    Story(
        "thpt_tay_ninh",
        PUBLIC_SERVICE,
        Initiative.Kind.IDEA,
        2026,
        DRAFT,
        "Thư viện số dùng chung cho các trường THPT trong tỉnh",
        "Các trường đóng góp bài giảng, đề kiểm tra vào một thư viện số chung để giáo viên "
        "toàn tỉnh cùng sử dụng.",
        "Thư viện đặt trên máy chủ của Sở Giáo dục và Đào tạo; phân loại theo môn, khối lớp; "
        "tổ chuyên môn duyệt tài liệu trước khi đăng.",
        None,
        "Các trường THPT trong tỉnh.",
        filed_by="tacgia",
    ),
    Story(
        "thpt_tay_ninh",
        PUBLIC_SERVICE,
        Initiative.Kind.INITIATIVE,
        2026,
        SUBMITTED,
        "Sổ liên lạc điện tử qua Zalo giữa giáo viên chủ nhiệm và cha mẹ học sinh",
        "Giáo viên chủ nhiệm gửi kết quả học tập và thông báo của trường cho cha mẹ học sinh "
        "qua Zalo.",
        "Quy định nội dung, tần suất thông báo; điểm của từng em gửi riêng cho phụ huynh em đó; "
        "tổng hợp ý kiến phụ huynh mỗi tháng.",
        datetime.date(2025, 9, 5),
        "Các lớp chủ nhiệm của trường.",
        "Phụ huynh nắm tình hình học tập kịp thời; số lượt học sinh nghỉ học không phép giảm 40%.",
        "Phụ huynh có điện thoại thông minh.",
        12_000_000,
        filed_by="tacgia",
    ),
    Story(
        "thpt_tay_ninh",
        PUBLIC_SERVICE,
        Initiative.Kind.INVENTION,
        2026,
        WITHDRAWN,
        "Máy chiếu vật thể tự chế từ điện thoại thông minh",
        "Giá đỡ tự chế biến điện thoại thành máy chiếu vật thể cho giờ dạy thực hành.",
        "Giá đỡ in 3D giữ điện thoại phía trên mặt bàn; ứng dụng truyền hình ảnh lên máy chiếu "
        "qua mạng nội bộ.",
        datetime.date(2026, 1, 6),
        "Các lớp học có máy chiếu.",
        "Chi phí khoảng 300.000 đồng so với 15 triệu đồng một máy chiếu vật thể.",
        "Máy in 3D hoặc xưởng gia công nhỏ.",
        30_000_000,
        reason="Tác giả rút hồ sơ để hoàn thiện thiết kế giá đỡ, sẽ nộp lại ở đợt sau.",
        filed_by="tacgia",
    ),
    Story(
        "ttyt_tp",
        PUBLIC_SERVICE,
        Initiative.Kind.METHOD,
        2026,
        IN_APPRAISAL,
        "Quy trình phân luồng, sàng lọc người bệnh sốt xuất huyết tại khoa Khám bệnh",
        "Bảng kiểm sàng lọc tại bàn đón tiếp giúp phát hiện sớm dấu hiệu cảnh báo sốt xuất "
        "huyết và chuyển khám ưu tiên.",
        "Điều dưỡng đón tiếp dùng bảng kiểm 8 dấu hiệu; người bệnh có dấu hiệu cảnh báo được "
        "đeo thẻ màu và khám ngay; xét nghiệm nhanh làm tại chỗ.",
        datetime.date(2026, 5, 1),
        "Khoa Khám bệnh của Trung tâm Y tế và các trạm y tế phường, xã.",
        "Thời gian chờ của người bệnh có dấu hiệu cảnh báo giảm từ 45 xuống 10 phút; không có "
        "ca chuyển nặng do phát hiện muộn trong mùa dịch 2025.",
        "Điều dưỡng đón tiếp được tập huấn.",
        None,
        (),
        50,
        (("Nguyễn Thị Diễm", "Điều dưỡng trưởng khoa", 30), ("Võ Văn Toàn", "Bác sĩ", 20)),
        collective="Tập thể Khoa Khám bệnh",
    ),
    Story(
        "ttyt_tan_chau",
        PUBLIC_SERVICE,
        Initiative.Kind.INITIATIVE,
        2026,
        IN_APPRAISAL,
        "Lấy số thứ tự khám bệnh qua tin nhắn để giảm thời gian chờ",
        "Người bệnh đăng ký khám và nhận số thứ tự qua tin nhắn, đến đúng giờ dự kiến thay vì "
        "xếp hàng từ sáng sớm.",
        "Tổng đài tin nhắn nhận cú pháp đăng ký; phần mềm quản lý khám bệnh trả số thứ tự và "
        "giờ dự kiến; màn hình khu chờ gọi số.",
        datetime.date(2025, 12, 2),
        "Khu khám bệnh của Trung tâm Y tế.",
        "Thời gian chờ trung bình giảm từ 2 giờ xuống 40 phút; người bệnh hài lòng hơn.",
        "Phần mềm quản lý bệnh viện kết nối tổng đài tin nhắn.",
        50_000_000,
        (),
        60,
        (("Trần Hữu Nghĩa", "Kỹ sư công nghệ thông tin", 40),),
    ),
    Story(
        "ttyt_tan_chau",
        PUBLIC_SERVICE,
        Initiative.Kind.INVENTION,
        2026,
        IN_APPRAISAL,
        "Cây treo dịch truyền di động tự chế từ vật liệu tái chế",
        "Cây treo dịch truyền có bánh xe làm từ ống thép và chân ghế cũ, dùng tại các phòng "
        "bệnh thiếu trang thiết bị.",
        "Tận dụng ống thép không gỉ và chân ghế xoay hỏng; chiều cao điều chỉnh bằng khóa vặn; "
        "móc treo được bốn chai dịch.",
        datetime.date(2026, 4, 10),
        "Các khoa lâm sàng của Trung tâm Y tế.",
        "Chế tạo 30 cây treo với chi phí bằng 1/5 giá mua mới.",
        "Tổ bảo trì có thợ hàn.",
        36_000_000,
        (),
        70,
        (("Lê Văn Bảy", "Nhân viên tổ bảo trì", 30),),
    ),
    Story(
        "tieu_hoc",
        PUBLIC_SERVICE,
        Initiative.Kind.METHOD,
        2026,
        SUBMITTED,
        "Trò chơi dân gian giờ ra chơi giúp học sinh tiểu học vận động, rời xa điện thoại",
        "Các trò chơi dân gian theo khu vực trong sân trường vào giờ ra chơi; học sinh lớp "
        "lớn hướng dẫn lớp nhỏ.",
        "Kẻ sân cho ô ăn quan, nhảy lò cò, kéo co; mỗi tuần một trò chơi chủ đề; đội học sinh "
        "tình nguyện lớp 5 hướng dẫn và giữ dụng cụ.",
        datetime.date(2025, 10, 1),
        "Các trường tiểu học, nhất là vùng nông thôn.",
        "Học sinh vận động nhiều hơn; giảm xô xát trong giờ ra chơi; phụ huynh ghi nhận trẻ "
        "ít dùng điện thoại hơn.",
        "Sân trường đủ rộng; dụng cụ đơn giản.",
    ),
    Story(
        "thcs",
        PUBLIC_SERVICE,
        Initiative.Kind.INITIATIVE,
        2026,
        DRAFT,
        "Dạy học STEM: học sinh tự chế máy lọc nước đơn giản",
        "Chủ đề STEM liên môn Hóa học, Vật lý, Sinh học: học sinh chế tạo máy lọc nước từ vật "
        "liệu sẵn có.",
        "Học sinh tìm hiểu nguồn nước ở địa phương, thiết kế bộ lọc nhiều lớp (sỏi, cát, than "
        "hoạt tính), thử nghiệm và trình bày sản phẩm.",
        datetime.date(2026, 3, 2),
        "Học sinh lớp 8, 9.",
        "Học sinh vận dụng kiến thức liên môn; sản phẩm được dùng tại hai điểm trường.",
        "Vật liệu rẻ tiền, dễ tìm.",
        None,
        (),
        50,
        (("Ngô Văn Quý", "Giáo viên Vật lý", 50),),
    ),
    # 4. Armed forces ------------------------------------------------------------------------
    Story(
        "cong_an",
        ARMED_FORCES,
        Initiative.Kind.INITIATIVE,
        2026,
        IN_APPRAISAL,
        "Bản đồ số quản lý cư trú tại các xã biên giới",
        "Thông tin hộ gia đình, cơ sở kinh doanh có điều kiện được gắn lên bản đồ số phục vụ "
        "quản lý cư trú và tuần tra.",
        "Công an xã cập nhật vị trí hộ và cơ sở bằng điện thoại; lớp bản đồ phân quyền theo "
        "địa bàn; tra cứu nhanh khi xác minh, giải quyết tin báo.",
        datetime.date(2026, 3, 1),
        "Công an các xã biên giới của tỉnh.",
        "Thời gian xác minh một hộ giảm từ nửa ngày xuống dưới 1 giờ; hỗ trợ tuần tra, kiểm soát.",
        "Bảo mật dữ liệu theo quy định của ngành.",
        48_000_000,
        (),
        60,
        (("Trần Văn Lợi", "Trưởng Công an xã", 40, "Công an xã Tân Đông"),),
    ),
    Story(
        "cong_an",
        ARMED_FORCES,
        Initiative.Kind.METHOD,
        2026,
        SUBMITTED,
        "Mô hình “Camera an ninh” do Nhân dân đóng góp tại các ấp",
        "Người dân và doanh nghiệp đóng góp lắp camera tại các tuyến đường, ngã ba; Công an "
        "xã khai thác hình ảnh khi có vụ việc.",
        "Vận động xã hội hóa kinh phí; Ban Công tác Mặt trận ấp quản lý; Công an xã hướng dẫn "
        "kỹ thuật và quy chế khai thác hình ảnh.",
        datetime.date(2025, 6, 1),
        "Các ấp, khu phố trong địa bàn.",
        "Lắp 120 camera; phát hiện, xử lý 15 vụ trộm cắp tài sản nhờ hình ảnh camera.",
        "Nhân dân đồng thuận; quy chế bảo vệ dữ liệu hình ảnh.",
        None,
        (NTM,),
    ),
    Story(
        "bchqs",
        ARMED_FORCES,
        Initiative.Kind.INVENTION,
        2026,
        IN_APPRAISAL,
        "Bia bắn đạn thật tự động báo điểm cho huấn luyện dân quân",
        "Bia có cảm biến rung báo điểm chạm về màn hình tại bệ bắn, không cần người báo bia.",
        "Tấm bia gắn cảm biến rung theo vòng điểm; bộ vi điều khiển xác định vòng chạm và "
        "truyền không dây về máy tính bảng tại bệ bắn.",
        datetime.date(2026, 5, 15),
        "Thao trường huấn luyện dân quân tự vệ.",
        "An toàn hơn vì không còn người báo bia dưới hầm; rút ngắn thời gian bắn mỗi tốp.",
        "Thiết bị điện tử chống va đập, chống nước.",
        60_000_000,
        (),
        60,
        (("Lê Hoàng Nam", "Trợ lý Dân quân tự vệ", 40),),
    ),
    Story(
        "bchqs",
        ARMED_FORCES,
        Initiative.Kind.INITIATIVE,
        2026,
        RETURNED,
        "Phần mềm quản lý quân nhân dự bị động viên",
        "Cập nhật, tra cứu hồ sơ quân nhân dự bị động viên theo đơn vị, chuyên nghiệp quân sự; "
        "lập báo cáo tự động.",
        "Cơ sở dữ liệu phân cấp cho Ban Chỉ huy Quân sự các xã cập nhật; báo cáo theo mẫu của "
        "ngành được lập tự động.",
        datetime.date(2025, 11, 15),
        "Ban Chỉ huy Quân sự và các xã, phường.",
        "Giảm thời gian tổng hợp báo cáo định kỳ; nắm chắc số lượng, chất lượng quân nhân dự bị.",
        "Máy tính kết nối mạng nội bộ của cơ quan quân sự.",
        20_000_000,
        reason="Hồ sơ có nội dung cần bảo mật; đề nghị đánh dấu các phần cần giữ kín trước khi "
        "nộp lại.",
    ),
    # 5. Ethnic and religious communities ----------------------------------------------------
    Story(
        "khmer",
        COMMUNITIES,
        Initiative.Kind.METHOD,
        2026,
        SUBMITTED,
        "Lớp dạy chữ Khmer kết hợp tuyên truyền pháp luật cho đồng bào",
        "Lớp học chữ Khmer dịp hè do người có uy tín tổ chức, lồng ghép tuyên truyền pháp luật "
        "bằng tiếng Khmer.",
        "Người có uy tín vận động con em đồng bào tham gia; Ban Công tác Mặt trận ấp cùng cán "
        "bộ tư pháp xã soạn nội dung pháp luật song ngữ, giới thiệu trong giờ học.",
        datetime.date(2025, 6, 15),
        "Đồng bào Khmer xã Tân Đông và các xã lân cận.",
        "3 lớp, 95 học viên; đồng bào hiểu và chấp hành tốt quy định về cư trú, qua lại biên giới.",
        "Phòng học tại nhà văn hóa ấp; chính quyền xã hỗ trợ.",
        None,
        (NTM,),
        60,
        (("Thạch Thị Sa Ni", "Giáo viên dạy chữ Khmer", 40),),
        collective="Cộng đồng đồng bào Khmer xã Tân Đông",
    ),
    Story(
        "cao_dai",
        COMMUNITIES,
        Initiative.Kind.METHOD,
        2026,
        SUBMITTED,
        "Bếp ăn từ thiện của Họ đạo phục vụ người bệnh nghèo",
        "Đồng đạo luân phiên nấu và phát cơm chay miễn phí cho người bệnh nghèo và người nhà "
        "tại Trung tâm Y tế khu vực.",
        "Ban Cai quản Họ đạo vận động đồng đạo góp gạo, rau; phân công nấu theo ngày; cùng "
        "Trung tâm Y tế lập danh sách người bệnh khó khăn.",
        datetime.date(2025, 9, 1),
        "Trung tâm Y tế khu vực Gò Dầu; nhân rộng được tại các họ đạo khác.",
        "Mỗi ngày phát khoảng 200 suất cơm; tăng cường đoàn kết lương - giáo trên địa bàn.",
        "Nguồn đóng góp tự nguyện.",
        collective="Ban Cai quản Họ đạo Cao Đài thị trấn Gò Dầu",
    ),
]


def stories_2019(context) -> None:
    """The history: the initiatives of 2019, forwarded to the province council of 2019."""
    _tell_year(context, 2019)


def stories_2026(context) -> None:
    """The open round of 2026, in today's tree: drafts, submissions, returns, withdrawals and
    forwards to the open councils of 2026."""
    _tell_year(context, 2026)


STEPS = [(60, stories_2019), (87, stories_2026)]


def _tell_year(context, year: int) -> None:
    """Each story of `year` filed by its unit's author (or the role account it names)."""
    for story in STORIES:
        if story.year != year:
            continue
        filer = context.people[story.filed_by] if story.filed_by else context.filers[story.unit]
        context.told[story.title] = _tell(
            story,
            filer=filer,
            unit=context.units[story.unit],
            round_=context.rounds[story.year],
            field=context.fields[story.field],
            campaigns=[context.campaigns[name] for name in story.campaigns],
            clerk=context.people["vanthu"],
        )


def _tell(story: Story, *, filer: User, unit: OrgUnit, round_, field, campaigns, clerk: User):
    """File the initiative as its author, then take it along its path with the clerk."""
    authors = [
        {
            "user": filer,
            "full_name": filer.full_name,
            "position": filer.position,
            "unit_name": unit.name,
            "share": Decimal(story.filer_share),
        }
    ]
    for name, position, share, *unit_name in story.coauthors:
        authors.append(
            {
                "full_name": name,
                "position": position,
                "unit_name": unit_name[0] if unit_name else unit.name,
                "share": Decimal(share),
            }
        )
    initiative = initiatives.initiative_create(
        by=filer,
        data={
            "kind": story.kind,
            "title": story.title,
            "round": round_,
            "field": field,
            "unit": unit,
            "summary": story.summary,
            "essence": story.essence,
            "first_applied_on": story.first_applied_on,
            "application_scope": story.scope,
            "benefits": story.benefits,
            "yearly_saving_vnd": story.saving,
            "conditions": story.conditions,
            "is_collective": bool(story.collective),
            "collective_name": story.collective,
        },
        campaigns=campaigns,
        authors=authors,
    )
    if story.ends == DRAFT:
        return initiative
    if story.ends == WITHDRAWN_DRAFT:
        return initiatives.initiative_withdraw(initiative=initiative, by=filer, reason=story.reason)
    initiatives.attachment_add(
        initiative=initiative,
        by=filer,
        upload=SimpleUploadedFile("thuyet-minh.docx", _description_docx(story, filer)),
        description="Bản thuyết minh sáng kiến",
    )
    initiatives.initiative_submit(initiative=initiative, by=filer)
    if story.ends == SUBMITTED:
        return initiative
    if story.ends == WITHDRAWN:
        return initiatives.initiative_withdraw(initiative=initiative, by=filer, reason=story.reason)
    if story.ends in (RETURNED, REVISED):
        initiatives.initiative_return(initiative=initiative, by=clerk, reason=story.reason)
        if story.ends == RETURNED:
            return initiative
        initiatives.initiative_update(
            initiative=initiative, by=filer, data={"benefits": story.revision}
        )
        initiatives.initiative_submit(initiative=initiative, by=filer)
    return initiatives.initiative_forward(
        initiative=initiative,
        by=clerk,
        note=f"Chuyển Hội đồng thẩm định xét sáng kiến năm {story.year}.",
        as_of=round_.reference_date,  # a forward of the story's year, in that year's tree
    )


def _description_docx(story: Story, filer: User) -> bytes:
    """A one-page DOCX standing for the author's description of the initiative, in Vietnamese
    with its marks (a Word file, as an author would attach)."""
    import docx

    document = docx.Document()
    document.add_heading("BẢN THUYẾT MINH SÁNG KIẾN (dữ liệu mẫu)", level=1)
    document.add_paragraph(story.title)
    document.add_paragraph(f"Tác giả: {filer.full_name}")
    document.add_paragraph(f"Tóm tắt: {story.summary}")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
