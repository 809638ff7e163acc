// Deterministic Vietnamese news text for the benchmark: titles, summaries and
// bodies of the kind a provincial or commune e-information site publishes,
// made from a seeded PRNG and word lists (no download, same seed → same text).
// Words are drawn with a Zipf-like skew, so some are everywhere ("hà nội",
// "cải cách hành chính") and some are rare ("xoang"), which is what makes
// the search scenarios meaningful.

/** sfc32 seeded from a string: fast, small, good enough for test data. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    let h = 1779033703 ^ seed.length;
    for (let i = 0; i < seed.length; i += 1) {
      h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
      h = (h << 13) | (h >>> 19);
    }
    const next = () => {
      h = Math.imul(h ^ (h >>> 16), 2246822507);
      h = Math.imul(h ^ (h >>> 13), 3266489909);
      return (h ^= h >>> 16) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i += 1) this.float();
  }

  /** [0, 1) */
  float(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.float() * list.length)]!;
  }

  /** Zipf-like: the first items of the list come up far more often than the last. */
  zipf<T>(list: readonly T[], skew = 1.1): T {
    const u = this.float();
    // Inverse of a continuous power law over [1, n+1).
    const n = list.length;
    const x = skew === 1 ? Math.exp(u * Math.log(n + 1)) : Math.pow(1 + u * (Math.pow(n + 1, 1 - skew) - 1), 1 / (1 - skew));
    return list[Math.min(n - 1, Math.max(0, Math.floor(x) - 1))]!;
  }

  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.float() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    return list;
  }
}

// ---- word lists --------------------------------------------------------------------------

export const PROVINCES = [
  'Hà Nội', 'Kon Tum', 'Thanh Hóa', 'Nghệ An', 'Quảng Ngãi', 'Đà Nẵng', 'Thành phố Hồ Chí Minh', 'Gia Lai', 'Đắk Lắk', 'Hải Phòng',
  'Cần Thơ', 'Huế', 'Quảng Nam', 'Bình Định', 'Khánh Hòa', 'Lâm Đồng', 'Lào Cai', 'Sơn La', 'Điện Biên', 'Lai Châu', 'Hà Giang',
  'Cao Bằng', 'Lạng Sơn', 'Bắc Giang', 'Bắc Ninh', 'Thái Nguyên', 'Tuyên Quang', 'Phú Thọ', 'Vĩnh Phúc', 'Hưng Yên', 'Hải Dương',
  'Thái Bình', 'Nam Định', 'Ninh Bình', 'Hà Tĩnh', 'Quảng Bình', 'Quảng Trị', 'Phú Yên', 'Ninh Thuận', 'Bình Thuận', 'Đắk Nông',
  'Bình Phước', 'Tây Ninh', 'Bình Dương', 'Đồng Nai', 'Long An', 'Tiền Giang', 'Bến Tre', 'Trà Vinh', 'Vĩnh Long', 'Đồng Tháp',
  'An Giang', 'Kiên Giang', 'Hậu Giang', 'Sóc Trăng', 'Bạc Liêu', 'Cà Mau', 'Yên Bái', 'Hòa Bình', 'Quảng Ninh',
];

export const LOCALITIES = [
  'xã Như Xuân', 'xã Thanh Quân', 'xã Xuân Bình', 'xã Bãi Trành', 'xã Hóa Quỳ', 'xã Cát Tân', 'xã Thượng Ninh', 'xã Xuân Hòa',
  'xã Đăk Ruồng', 'xã Tân Lập', 'xã Đăk Kôi', 'xã Đăk Pne', 'xã Đăk Tơ Lung', 'xã Ngọc Linh', 'xã Măng Ri', 'xã Đăk Hà',
  'xã Thanh Chương', 'xã Thanh Liên', 'xã Cát Văn', 'xã Hạnh Lâm', 'xã Đại Đồng', 'xã Bích Hào', 'xã Thanh Mai', 'xã Ngọc Lâm',
  'phường Quyết Thắng', 'phường Thắng Lợi', 'phường Duy Tân', 'phường Trường Chinh', 'phường Lê Lợi', 'phường Ngô Mây',
  'thị trấn Sa Thầy', 'thị trấn Đăk Tô', 'thị trấn Plei Kần', 'thị trấn Măng Đen', 'xã Ia Chim', 'xã Hòa Bình', 'xã Ya Chim',
  'xã Kroong', 'xã Vinh Quang', 'xã Đoàn Kết', 'xã Chư Hreng', 'xã Đăk Năng', 'xã Đăk Blà', 'xã Ngọk Bay', 'xã Đăk Cấm',
];

export const ORGS = [
  'Ủy ban nhân dân', 'Hội đồng nhân dân', 'Sở Xây dựng', 'Sở Tài chính', 'Sở Y tế', 'Sở Giáo dục và Đào tạo',
  'Sở Nông nghiệp và Môi trường', 'Sở Nội vụ', 'Sở Tư pháp', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Khoa học và Công nghệ', 'Công an',
  'Bộ Chỉ huy Quân sự', 'Ủy ban Mặt trận Tổ quốc Việt Nam', 'Hội Liên hiệp Phụ nữ', 'Đoàn Thanh niên', 'Hội Nông dân',
  'Hội Cựu chiến binh', 'Phòng Văn hóa và Thông tin', 'Ban Dân tộc', 'Văn phòng Ủy ban nhân dân', 'Trung tâm Phục vụ hành chính công',
  'Bảo hiểm xã hội', 'Kho bạc Nhà nước', 'Thuế', 'Trung tâm Y tế', 'Đài Phát thanh và Truyền hình', 'Liên đoàn Lao động',
  'Hội Chữ thập đỏ', 'Ban Quản lý dự án đầu tư xây dựng', 'Trường Phổ thông Dân tộc nội trú',
];

export const VERBS = [
  'tổ chức', 'triển khai', 'kiểm tra', 'tổng kết', 'khai mạc', 'phát động', 'ký kết', 'tiếp đón', 'thăm hỏi', 'trao tặng', 'khánh thành',
  'khởi công', 'hướng dẫn', 'tuyên truyền', 'đẩy mạnh', 'nâng cao', 'rà soát', 'đánh giá', 'hoàn thành', 'phê duyệt', 'ban hành',
  'quán triệt', 'hỗ trợ', 'giải ngân', 'bàn giao', 'tập huấn', 'sơ kết', 'giám sát', 'chỉ đạo', 'làm việc về', 'thẩm định', 'công bố',
  'phát huy', 'xây dựng', 'cải thiện', 'tháo gỡ', 'thúc đẩy', 'biểu dương', 'tiếp nhận', 'giới thiệu',
];

export const EVENTS = [
  'hội nghị', 'hội thảo', 'lễ hội', 'buổi làm việc', 'chương trình', 'kế hoạch', 'đề án', 'dự án', 'công trình', 'cuộc thi',
  'đợt cao điểm', 'phong trào', 'chiến dịch', 'buổi diễn tập', 'lớp tập huấn', 'kỳ họp', 'đoàn công tác', 'lễ ra quân', 'diễn đàn',
  'buổi đối thoại', 'hội chợ', 'ngày hội', 'lễ kỷ niệm', 'buổi tọa đàm',
];

export const TOPICS = [
  'cải cách hành chính', 'chuyển đổi số', 'xây dựng nông thôn mới', 'giảm nghèo bền vững', 'phòng, chống thiên tai', 'phòng cháy, chữa cháy',
  'an toàn giao thông', 'tiêm chủng mở rộng', 'bảo hiểm y tế', 'bảo hiểm xã hội tự nguyện', 'giáo dục nghề nghiệp', 'trồng và bảo vệ rừng',
  'phát triển du lịch cộng đồng', 'bảo tồn văn hóa các dân tộc', 'thu ngân sách nhà nước', 'giải ngân vốn đầu tư công', 'quy hoạch sử dụng đất',
  'cấp giấy chứng nhận quyền sử dụng đất', 'dịch vụ công trực tuyến', 'chính quyền điện tử', 'Đề án 06', 'sắp xếp đơn vị hành chính',
  'bầu cử đại biểu Quốc hội', 'tuyển chọn và gọi công dân nhập ngũ', 'bảo đảm an ninh trật tự', 'phòng, chống ma túy', 'an toàn thực phẩm',
  'cung cấp nước sạch nông thôn', 'xóa nhà tạm, nhà dột nát', 'giao thông nông thôn', 'kiên cố hóa kênh mương', 'chăn nuôi an toàn sinh học',
  'chuyển đổi cơ cấu cây trồng', 'trồng cà phê xứ lạnh', 'phát triển sâm Ngọc Linh', 'sản phẩm OCOP', 'khuyến học, khuyến tài',
  'phổ biến, giáo dục pháp luật', 'hòa giải ở cơ sở', 'tiếp công dân', 'phòng, chống tham nhũng', 'thực hành tiết kiệm', 'bình đẳng giới',
  'chăm sóc sức khỏe bà mẹ và trẻ em', 'phòng, chống sốt xuất huyết', 'xây dựng Đảng', 'học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
  'công tác dân vận', 'đền ơn đáp nghĩa', 'an sinh xã hội', 'kinh tế tập thể', 'thu hút đầu tư', 'xúc tiến thương mại', 'bảo vệ môi trường',
  'ứng phó với biến đổi khí hậu', 'quản lý tài nguyên khoáng sản', 'phổ cập giáo dục', 'xóa mù chữ', 'đào tạo nghề cho lao động nông thôn',
];

export const NOUNS = [
  'hộ gia đình', 'hồ sơ', 'công trình', 'lượt người', 'học sinh', 'đảng viên', 'hội viên', 'héc-ta rừng', 'tỷ đồng', 'km đường bê tông',
  'căn nhà', 'suất quà', 'thủ tục hành chính', 'doanh nghiệp', 'hợp tác xã', 'mô hình', 'sản phẩm', 'lớp học', 'giấy khen', 'bằng khen',
  'lao động', 'thôn, làng', 'trường học', 'trạm y tế', 'cán bộ, công chức',
];

export const ADJECTIVES = [
  'hiệu quả', 'thiết thực', 'sôi nổi', 'trang trọng', 'bền vững', 'đồng bộ', 'kịp thời', 'quyết liệt', 'nghiêm túc', 'chặt chẽ',
  'an toàn', 'công khai, minh bạch', 'đúng quy định', 'thuận lợi', 'khẩn trương', 'tích cực', 'sâu rộng',
];

export const PEOPLE = [
  'Nguyễn Văn Hùng', 'Trần Thị Thu Hà', 'Lê Văn Đức', 'Phạm Thị Hồng Nhung', 'Hoàng Minh Tuấn', 'Vũ Thị Lan', 'Đặng Quang Huy',
  'Bùi Thị Ngọc Ánh', 'Đỗ Văn Khánh', 'Ngô Thị Mai', 'A Tuấn', 'Y Ngọc', 'Rơ Chăm Nguyên', 'Lò Văn Pấng', 'Hà Thị Xuân', 'Lương Văn Thành',
  'Nguyễn Hữu Tháp', 'Trần Quốc Bảo', 'Phan Thanh Sơn', 'Lê Thị Kim Oanh', 'Nguyễn Đức Tuy', 'Y Mửi', 'A Pớt', 'Đinh Văn Quyết',
];

export const POSITIONS = [
  'Bí thư Tỉnh ủy', 'Chủ tịch Ủy ban nhân dân tỉnh', 'Phó Chủ tịch Ủy ban nhân dân tỉnh', 'Chủ tịch Hội đồng nhân dân tỉnh', 'Giám đốc Sở Xây dựng',
  'Chủ tịch Ủy ban nhân dân xã', 'Bí thư Đảng ủy xã', 'Trưởng Ban Dân tộc', 'Giám đốc Sở Y tế', 'Phó Giám đốc Sở Tài chính', 'Trưởng Công an xã',
  'Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam xã', 'Trưởng phòng Văn hóa và Thông tin',
];

export const PERIODS = [
  '6 tháng đầu năm', '9 tháng đầu năm', 'quý I', 'quý II', 'quý III', 'quý IV', 'tháng qua', 'năm qua', 'giai đoạn 2021–2025',
  'nhiệm kỳ 2020–2025', 'từ đầu năm đến nay', 'trong đợt cao điểm',
];

export const SOURCES = [
  'Phòng Văn hóa và Thông tin', 'Văn phòng Ủy ban nhân dân tỉnh', 'Sở Xây dựng', 'Ban biên tập', 'Trung tâm Văn hóa, Thông tin và Thể thao',
  'Báo Kon Tum', 'Đài Phát thanh và Truyền hình tỉnh', 'Sở Y tế', 'Công an tỉnh', 'Ủy ban nhân dân xã',
];

export const TAGS = [
  'chuyển đổi số', 'nông thôn mới', 'cải cách hành chính', 'giảm nghèo', 'an toàn giao thông', 'y tế', 'giáo dục', 'văn hóa', 'du lịch',
  'quốc phòng', 'an ninh trật tự', 'môi trường', 'thiên tai', 'đầu tư công', 'OCOP', 'dân tộc thiểu số', 'thanh niên', 'phụ nữ',
  'nông nghiệp', 'rừng', 'đất đai', 'bầu cử', 'pháp luật', 'tiếp công dân', 'sâm Ngọc Linh', 'cà phê', 'lễ hội', 'thể thao',
  'doanh nghiệp', 'xây dựng Đảng', 'an sinh xã hội', 'hợp tác xã', 'khoa học công nghệ', 'lao động việc làm', 'bảo hiểm', 'nước sạch',
];

/** Filler words for the long tail of the vocabulary: many words, each fairly rare. */
const FILLER = [
  'đồng thời', 'bên cạnh đó', 'qua đó', 'theo đó', 'ngoài ra', 'cùng với', 'nhằm', 'góp phần', 'từng bước', 'kịp thời', 'thường xuyên',
  'người dân', 'địa phương', 'cơ sở', 'các cấp', 'các ngành', 'đơn vị', 'cộng đồng', 'thôn', 'làng', 'bản', 'buôn', 'tổ dân phố',
  'nhân dân', 'đồng bào', 'lực lượng', 'cán bộ', 'chiến sĩ', 'giáo viên', 'bác sĩ', 'nông dân', 'thanh niên', 'phụ nữ', 'người cao tuổi',
  'trẻ em', 'học sinh', 'sinh viên', 'doanh nhân', 'nghệ nhân', 'già làng', 'người có uy tín', 'tình nguyện viên', 'công nhân', 'kỹ sư',
  'mùa mưa', 'mùa khô', 'vụ đông xuân', 'vụ hè thu', 'lũ quét', 'sạt lở đất', 'hạn hán', 'giông lốc', 'rét đậm', 'nắng nóng',
  'đường liên thôn', 'cầu treo', 'nhà văn hóa', 'sân thể thao', 'chợ phiên', 'trạm bơm', 'hồ thủy lợi', 'đập tràn', 'kênh nội đồng',
  'ruộng bậc thang', 'vườn cà phê', 'rừng phòng hộ', 'rừng đặc dụng', 'đồi chè', 'cánh đồng', 'vườn ươm', 'trang trại', 'ao cá',
  'lúa nước', 'ngô lai', 'sắn', 'mía', 'cao su', 'hồ tiêu', 'mắc ca', 'chanh dây', 'bời lời', 'dược liệu', 'rau an toàn', 'nấm linh chi',
  'bò', 'dê', 'lợn đen', 'gà thả vườn', 'cá tầm', 'ong mật', 'heo rừng lai', 'trâu', 'ngựa', 'thỏ',
  'kinh phí', 'nguồn vốn', 'ngân sách', 'tín dụng chính sách', 'vốn vay ưu đãi', 'xã hội hóa', 'đối ứng', 'quyết toán', 'tạm ứng',
  'điểm sáng', 'mô hình mới', 'cách làm hay', 'kinh nghiệm', 'bài học', 'tồn tại', 'hạn chế', 'nguyên nhân', 'giải pháp', 'nhiệm vụ',
  'chỉ tiêu', 'kết quả', 'thành tích', 'khó khăn', 'vướng mắc', 'kiến nghị', 'đề xuất', 'ý kiến', 'phản ánh', 'giải đáp',
  'thông tin', 'dữ liệu', 'phần mềm', 'ứng dụng', 'nền tảng số', 'chữ ký số', 'tài khoản định danh điện tử', 'thanh toán không dùng tiền mặt',
  'camera an ninh', 'loa truyền thanh', 'sóng di động', 'internet', 'máy tính', 'điện thoại thông minh', 'mã QR', 'cổng thông tin',
  'truyền thống', 'bản sắc', 'nhà rông', 'nhà sàn', 'cồng chiêng', 'đàn đá', 'thổ cẩm', 'dệt vải', 'đan lát', 'rượu cần', 'lễ mừng lúa mới',
  'hát dân ca', 'múa dân gian', 'trang phục truyền thống', 'ẩm thực', 'làng nghề', 'di tích', 'danh thắng', 'bảo tàng', 'thư viện',
  'khám bệnh', 'cấp thuốc', 'tiêm vắc-xin', 'xét nghiệm', 'dinh dưỡng', 'vệ sinh môi trường', 'rác thải', 'nước thải', 'cây xanh',
  'tuần tra', 'kiểm soát', 'xử phạt', 'vi phạm', 'tai nạn', 'cứu hộ', 'cứu nạn', 'sơ tán', 'di dời', 'khắc phục hậu quả',
  'học bổng', 'sách giáo khoa', 'bàn ghế', 'phòng học', 'bữa ăn bán trú', 'kỳ thi', 'tốt nghiệp', 'tuyển sinh', 'năm học mới',
  'đại hội', 'nghị quyết', 'chỉ thị', 'kết luận', 'quyết định', 'công văn', 'thông báo', 'văn bản', 'quy chế', 'hướng dẫn',
  'niềm vui', 'sự quan tâm', 'tinh thần', 'trách nhiệm', 'đoàn kết', 'đồng thuận', 'niềm tin', 'sức mạnh', 'khát vọng', 'ý chí',
];

/** Words that appear in a handful of articles only: the "rare word" searches look for them. */
export const RARE_WORDS = ['xoang', 'Brâu', 'Rơ Măm', 'đàn T\'rưng', 'khèn bè', 'goong'];

const NUMBER_WORDS = ['hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười'];

// ---- sentences -------------------------------------------------------------------------------

function cap(text: string): string {
  return text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

function place(r: Rng): string {
  return r.chance(0.55) ? `tỉnh ${r.zipf(PROVINCES, 1.2)}` : r.zipf(LOCALITIES, 0.9);
}

function date(r: Rng): string {
  return `${r.int(1, 28)}/${r.int(1, 12)}`;
}

function filler(r: Rng, n: number): string {
  const words: string[] = [];
  for (let i = 0; i < n; i += 1) words.push(r.zipf(FILLER, 0.8));
  return words.join(' ');
}

const SENTENCES: ((r: Rng) => string)[] = [
  (r) => `Ngày ${date(r)}, ${r.zipf(ORGS)} ${place(r)} đã ${r.pick(VERBS)} ${r.pick(EVENTS)} về ${r.zipf(TOPICS)}.`,
  (r) => `Tham dự có đồng chí ${r.pick(PEOPLE)}, ${r.pick(POSITIONS)}, cùng đại diện lãnh đạo các sở, ban, ngành và ${r.int(50, 400)} đại biểu.`,
  (r) => `Theo báo cáo, ${r.pick(PERIODS)}, toàn ${r.chance(0.5) ? 'tỉnh' : 'xã'} đã ${r.pick(VERBS)} ${r.int(2, 950)} ${r.pick(NOUNS)}, đạt ${r.int(60, 130)}% kế hoạch năm.`,
  (r) => `Phát biểu tại ${r.pick(EVENTS)}, đồng chí ${r.pick(PEOPLE)} đề nghị các cấp, các ngành tiếp tục ${r.pick(VERBS)} ${r.zipf(TOPICS)}, ${r.pick(VERBS)} ${r.zipf(TOPICS)} một cách ${r.pick(ADJECTIVES)}.`,
  (r) => `Dịp này, ${r.zipf(ORGS)} đã trao ${r.int(2, 60)} ${r.chance(0.5) ? 'bằng khen' : 'giấy khen'} cho các tập thể và cá nhân có thành tích xuất sắc trong ${r.zipf(TOPICS)}.`,
  (r) => `${cap(filler(r, 2))} ${r.pick(ADJECTIVES)}, ${filler(r, 3)} ${r.zipf(TOPICS)} ${r.pick(ADJECTIVES)}.`,
  (r) => `Tổng kinh phí thực hiện hơn ${r.int(1, 950)} ${r.chance(0.7) ? 'triệu' : 'tỷ'} đồng, từ nguồn ${r.pick(['ngân sách tỉnh', 'ngân sách trung ương', 'xã hội hóa', 'chương trình mục tiêu quốc gia', 'vốn lồng ghép'])}.`,
  (r) => `Trong thời gian tới, ${r.zipf(ORGS)} sẽ ${r.pick(VERBS)} ${filler(r, 2)}, ${r.pick(VERBS)} ${r.zipf(TOPICS)} và ${filler(r, 3)}.`,
  (r) => `${cap(r.pick(NUMBER_WORDS))} ${r.pick(NOUNS)} ở ${place(r)} ${r.pick(['đã được', 'sẽ được', 'đang được'])} ${r.pick(VERBS)} ${r.pick(ADJECTIVES)}, ${filler(r, 4)}.`,
  (r) => `Đoàn đã đến thăm ${filler(r, 2)} tại ${place(r)}, ${r.pick(VERBS)} ${filler(r, 3)} và ghi nhận ${filler(r, 2)} của ${filler(r, 1)}.`,
  (r) => `Theo ${r.zipf(ORGS)}, ${filler(r, 3)} ${r.pick(['còn', 'vẫn', 'đã'])} ${filler(r, 2)}, ${r.pick(['do', 'vì', 'bởi'])} ${filler(r, 3)}.`,
  (r) => `Người dân ${place(r)} ${r.pick(['phấn khởi', 'đồng tình', 'tích cực hưởng ứng', 'đánh giá cao'])} ${r.pick(EVENTS)} ${r.zipf(TOPICS)}.`,
];

function sentence(r: Rng): string {
  return r.zipf(SENTENCES, 0.6)(r);
}

function rareSentence(r: Rng): string {
  const word = r.pick(RARE_WORDS);
  return `Các nghệ nhân đã trình diễn ${word} trong ${r.pick(EVENTS)} tại ${place(r)}.`;
}

// ---- articles --------------------------------------------------------------------------------

export interface GeneratedText {
  title: string;
  summary: string;
  bodyHtml: string;
  tags: string[];
  authorName: string;
  source: string;
}

const TITLE_FORMS: ((r: Rng) => string)[] = [
  (r) => `${r.zipf(ORGS)} ${place(r)} ${r.pick(VERBS)} ${r.pick(EVENTS)} ${r.zipf(TOPICS)}`,
  (r) => `${cap(place(r))} ${r.pick(VERBS)} ${r.zipf(TOPICS)} ${r.pick(PERIODS)}`,
  (r) => `${cap(r.pick(VERBS))} ${r.pick(EVENTS)} ${r.zipf(TOPICS)} năm ${r.int(2016, 2026)}`,
  (r) => `${cap(r.zipf(TOPICS))}: ${filler(r, 2)} ở ${place(r)}`,
  (r) => `Đồng chí ${r.pick(PEOPLE)} ${r.pick(['làm việc tại', 'thăm và tặng quà ở', 'kiểm tra', 'dự'])} ${r.chance(0.5) ? place(r) : r.pick(EVENTS)} ${r.zipf(TOPICS)}`,
  (r) => `${cap(r.pick(NUMBER_WORDS))} ${r.pick(NOUNS)} ${r.pick(['được', 'đã được'])} ${r.pick(VERBS)} tại ${place(r)}`,
];

/** One article's text; the same index and seed always give the same text. */
export function generateText(r: Rng, opts: { paragraphs?: [number, number] } = {}): GeneratedText {
  const title = cap(r.zipf(TITLE_FORMS, 0.5)(r)).normalize('NFC');
  const summary = `${sentence(r)} ${r.chance(0.6) ? sentence(r) : ''}`.trim().normalize('NFC');
  const [minP, maxP] = opts.paragraphs ?? [4, 8];
  const paragraphs: string[] = [];
  const count = r.int(minP, maxP);
  const rareAt = r.chance(0.0012) ? r.int(0, count - 1) : -1;
  for (let p = 0; p < count; p += 1) {
    const sentences: string[] = [];
    const n = r.int(2, 4);
    for (let s = 0; s < n; s += 1) sentences.push(sentence(r));
    if (p === rareAt) sentences.push(rareSentence(r));
    const text = sentences.join(' ');
    paragraphs.push(p === 0 && r.chance(0.3) ? `<p><strong>${text}</strong></p>` : `<p>${text}</p>`);
  }
  const tags = [...new Set(Array.from({ length: r.int(1, 3) }, () => r.zipf(TAGS, 0.9)))];
  return {
    title,
    summary,
    bodyHtml: paragraphs.join('').normalize('NFC'),
    tags,
    authorName: r.pick(PEOPLE),
    source: r.pick(SOURCES),
  };
}
