// What the editor is told about an imported .docx, in Vietnamese. mammoth's
// own messages are English and mostly about styles it maps to plain
// paragraphs anyway; only those that mean lost or altered content are shown.

import type { Problem } from '../../core/errors.ts';

export const NOT_DOCX: Problem = {
  code: 'docx_unsupported',
  vi:
    'Tệp không phải là tài liệu Word .docx. Định dạng .doc cũ (Word 97–2003) không được hỗ trợ: hãy mở tệp bằng Word, ' +
    'chọn Lưu thành (Save As) và lưu lại dưới dạng .docx (Word 2007 trở lên). Tệp có đặt mật khẩu cần được gỡ mật khẩu trước.',
  en:
    'The file is not a Word .docx document. The old .doc format (Word 97–2003) is not supported: open the file in Word, ' +
    'choose Save As and save it as .docx (Word 2007 or later). Password-protected files must have the password removed first.',
};

export const DOCX_UNREADABLE: Problem = {
  code: 'docx_unreadable',
  vi: 'Không đọc được nội dung tệp .docx (tệp có thể bị hỏng). Hãy mở tệp bằng Word và lưu lại dưới dạng .docx (Word 2007 trở lên) rồi thử lại.',
  en: 'The .docx file could not be read (it may be damaged). Open it in Word, save it again as .docx (Word 2007 or later) and retry.',
};

export const DOCX_TOO_LARGE: Problem = {
  code: 'docx_too_large',
  vi: 'Tệp .docx quá lớn khi giải nén để có thể nhập. Hãy tách tài liệu thành nhiều phần hoặc giảm dung lượng ảnh trong tệp.',
  en: 'The .docx file is too large once unpacked to be imported. Split the document or reduce the size of its images.',
};

export function unsupportedImageWarning(contentType: string): string {
  const format = contentType.replace(/^image\/(x-)?/, '').toUpperCase();
  return `Đã bỏ ảnh định dạng ${format} vì trình duyệt không hiển thị được; hãy chèn lại ảnh dưới dạng PNG hoặc JPEG.`;
}

export const REMOVED_LINKS_WARNING =
  'Đã bỏ liên kết trỏ tới tệp trên máy tính hoặc địa chỉ không an toàn (chỉ giữ liên kết http, https, mailto, tel); phần chữ vẫn được giữ.';

const IGNORED_ELEMENT = /^An unrecognised element was ignored: (.+)$/;

/** The Vietnamese text for a mammoth message, or null when it is not worth showing. */
export function translateMammothMessage(message: { type: string; message: string }): string | null {
  const text = message.message;
  if (message.type === 'error') return `Không chuyển được một phần nội dung của tệp (${text}).`;
  if (isNoise(text)) return null;
  const ignored = IGNORED_ELEMENT.exec(text)?.[1];
  if (ignored !== undefined) return ignoredElementWarning(ignored);
  if (/cell merging may be incorrect/i.test(text)) return 'Bảng có ô gộp có thể hiển thị chưa đúng; hãy kiểm tra lại bảng sau khi nhập.';
  if (/image file|v:imagedata/i.test(text)) return 'Không đọc được một ảnh trong tệp; ảnh đó đã bị bỏ qua.';
  return `Lưu ý khi chuyển tệp: ${text}`;
}

// Styles become plain paragraphs; fields, breaks and image types are handled
// or reported elsewhere.
function isNoise(text: string): boolean {
  return (
    /^Unrecognised (paragraph|run|table|numbering) style/i.test(text) ||
    /was referenced but not defined/i.test(text) ||
    /is unlikely to display in web browsers/i.test(text) ||
    /complex field/i.test(text) ||
    /^Unsupported break type/i.test(text)
  );
}

function ignoredElementWarning(element: string): string {
  if (element.startsWith('m:')) {
    return 'Công thức toán học (Equation) không chuyển được và đã bị bỏ qua; hãy chèn lại công thức dưới dạng ảnh.';
  }
  if (/^(w:object|o:|v:|w:control)/.test(element)) {
    return 'Đối tượng nhúng (biểu đồ, bảng tính, OLE…) không chuyển được và đã bị bỏ qua; hãy chèn lại dưới dạng ảnh.';
  }
  return `Một phần nội dung (${element}) không chuyển được và đã bị bỏ qua.`;
}
