// Words of the portal habits (issue 16): the story thread box on an article,
// the "Mới" badge and the public-service tiles of the home page.
import { defineMessages } from '../../ui/i18n.ts';

export const habitsText = defineMessages({
  vi: {
    threadBox: 'Theo dòng sự kiện',
    threadAll: 'Xem toàn bộ dòng sự kiện ({count} tin, bài)',
    newBadge: 'Mới',
    newBadgeFull: 'Tin mới đăng',
    tilesTitle: 'Dịch vụ công trực tuyến',
    tileNational: 'Cổng Dịch vụ công quốc gia',
    tileNationalHint: 'dichvucong.gov.vn',
    tileProvincial: 'Cổng Dịch vụ công của tỉnh',
    tileDatabase: 'Cơ sở dữ liệu quốc gia về thủ tục hành chính',
    tileDatabaseHint: 'csdl.dichvucong.gov.vn',
    tileProcedures: 'Thủ tục hành chính của cơ quan',
    tileTrack: 'Tra cứu hồ sơ, ý kiến đã gửi',
    tileTrackHint: 'Bằng mã tra cứu nhận khi gửi',
    external: '(mở trang bên ngoài)',
  },
  en: {
    threadBox: 'Story thread',
    threadAll: 'The whole story thread ({count} articles)',
    newBadge: 'New',
    newBadgeFull: 'Newly published',
    tilesTitle: 'Online public services',
    tileNational: 'National Public Service Portal',
    tileNationalHint: 'dichvucong.gov.vn',
    tileProvincial: 'Provincial public service portal',
    tileDatabase: 'National database of administrative procedures',
    tileDatabaseHint: 'csdl.dichvucong.gov.vn',
    tileProcedures: 'Administrative procedures of the agency',
    tileTrack: 'Follow what you sent',
    tileTrackHint: 'With the tracking code you received',
    external: '(opens another site)',
  },
});
