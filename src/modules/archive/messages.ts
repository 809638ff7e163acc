// Words of the archive export page.
import { defineMessages } from '../../ui/i18n.ts';

export const archiveText = defineMessages({
  vi: {
  title: 'Xuất dữ liệu lưu trữ',
  intro:
    'Bản xuất gồm mọi nội dung đang công khai trên trang (tin bài, văn bản, mục của các chuyên mục, thủ tục, hỏi đáp, dự thảo lấy ý kiến…) cùng các phiên bản đã đăng và đính chính: trang HTML đọc được khi không có mạng, dữ liệu JSON, tệp đính kèm và manifest.json với mã SHA-256 của từng tệp, đóng gói thành tệp .zip để nộp lưu trữ.',
  start: 'Tạo bản xuất mới',
  startedFlash: 'Đã bắt đầu tạo bản xuất. Trang sẽ tự cập nhật khi xong.',
  list: 'Các bản xuất',
  none: 'Chưa có bản xuất nào.',
  started: 'Bắt đầu',
  state: 'Trạng thái',
  items: 'Số mục',
  download: 'Tải về',
  running: 'Đang tạo: {done}/{total} mục',
  ready: 'Đã xong',
  failed: 'Không thành công',
  cli: 'Bộ phận kỹ thuật có thể xuất bằng lệnh: trangtin site export «trang» --to «thư mục».',
  keep: 'Trang giữ {keep} bản xuất mới nhất; bản cũ hơn và bản quá {days} ngày được tự động xóa.',
  remove: 'Xóa',
  removed: 'Đã xóa bản xuất.',
  notRemoved: 'Không xóa được bản xuất này (đang chạy hoặc không còn).',
  interrupted: 'bị gián đoạn, có thể tạo lại',
},
  en: {
  title: 'Archive export',
  intro:
    'The export holds everything the site shows the public (articles, documents, entries of its sections, procedures, questions and answers, drafts for comment…) with the versions that were published and the corrections: HTML pages that read offline, JSON data, the attachments and manifest.json with the SHA-256 of every file, packed as a .zip for the archive.',
  start: 'Create a new export',
  startedFlash: 'The export has started. This page updates itself when it is ready.',
  list: 'Exports',
  none: 'No export yet.',
  started: 'Started',
  state: 'State',
  items: 'Items',
  download: 'Download',
  running: 'Running: {done}/{total} items',
  ready: 'Ready',
  failed: 'Failed',
  cli: 'The IT staff can also export with: trangtin site export «site» --to «folder».',
  keep: 'The site keeps its {keep} newest exports; older ones and those over {days} days old are removed automatically.',
  remove: 'Delete',
  removed: 'The export was deleted.',
  notRemoved: 'This export could not be deleted (it is running or gone).',
  interrupted: 'interrupted, you may start again',
},
});
