// One place turns any error into a response: JSON with a stable shape under
// /api, a Vietnamese (or English) page elsewhere. Unexpected errors are logged
// with the request id and shown only as "something went wrong" + that id.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../core/errors.ts';
import { ErrorPage } from '../../ui/error-page.tsx';
import type { Lang } from '../../ui/i18n.ts';
import { MalformedBodyError } from './bodies.ts';
import { wantsJson } from './request-info.ts';

export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    details?: { field?: string; code: string; message: string }[];
  };
  requestId: string;
}

interface Explained {
  status: number;
  code: string;
  vi: { title: string; messages: string[] };
  en: { title: string; messages: string[] };
  details?: ApiErrorBody['error']['details'];
}

const STATUS_TEXT: Record<number, { code: string; vi: [string, string]; en: [string, string] }> = {
  400: { code: 'bad_request', vi: ['Yêu cầu không hợp lệ', 'Dữ liệu gửi lên không đúng dạng.'], en: ['Bad request', 'The data sent is not in the expected form.'] },
  401: { code: 'unauthorized', vi: ['Cần đăng nhập', 'Vui lòng đăng nhập để tiếp tục.'], en: ['Sign-in required', 'Please sign in to continue.'] },
  403: { code: 'forbidden', vi: ['Không có quyền truy cập', 'Tài khoản của bạn không có quyền thực hiện thao tác này trên trang này.'], en: ['Not allowed', 'Your account is not allowed to do this on this site.'] },
  404: { code: 'not_found', vi: ['Không tìm thấy trang', 'Địa chỉ này không có hoặc đã được chuyển đi. Vui lòng kiểm tra lại đường dẫn.'], en: ['Page not found', 'This address does not exist or has moved. Please check the link.'] },
  405: { code: 'method_not_allowed', vi: ['Thao tác không được hỗ trợ', 'Địa chỉ này không nhận kiểu yêu cầu đã gửi.'], en: ['Method not allowed', 'This address does not accept that kind of request.'] },
  409: { code: 'conflict', vi: ['Xung đột dữ liệu', 'Dữ liệu đã bị người khác thay đổi. Vui lòng tải lại trang.'], en: ['Conflict', 'Someone else changed this. Please reload the page.'] },
  413: { code: 'payload_too_large', vi: ['Dữ liệu quá lớn', 'Nội dung hoặc tệp gửi lên vượt quá giới hạn cho phép.'], en: ['Too large', 'What you sent is larger than allowed.'] },
  415: { code: 'unsupported_media_type', vi: ['Kiểu dữ liệu không được hỗ trợ', 'Định dạng gửi lên không được chấp nhận.'], en: ['Unsupported media type', 'This format is not accepted.'] },
  422: { code: 'invalid', vi: ['Chưa thực hiện được', 'Dữ liệu chưa hợp lệ.'], en: ['Could not proceed', 'The data is not valid.'] },
  429: { code: 'rate_limited', vi: ['Quá nhiều yêu cầu', 'Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng đợi một lát rồi thử lại.'], en: ['Too many requests', 'You sent too many requests in a short time. Please wait a moment and try again.'] },
  500: { code: 'internal_error', vi: ['Đã có lỗi xảy ra', 'Hệ thống gặp sự cố khi xử lý yêu cầu. Dữ liệu của bạn chưa bị thay đổi; vui lòng thử lại sau ít phút.'], en: ['Something went wrong', 'The system failed to handle the request. Nothing was changed; please try again in a few minutes.'] },
  503: { code: 'unavailable', vi: ['Tạm thời gián đoạn', 'Hệ thống đang bảo trì hoặc khởi động lại. Vui lòng thử lại sau ít phút.'], en: ['Temporarily unavailable', 'The system is restarting or under maintenance. Please try again shortly.'] },
};

function generic(status: number): Explained {
  const known = STATUS_TEXT[status] ?? STATUS_TEXT[status >= 500 ? 500 : 400]!;
  return {
    status,
    code: known.code,
    vi: { title: known.vi[0], messages: [known.vi[1]] },
    en: { title: known.en[0], messages: [known.en[1]] },
  };
}

function explain(error: FastifyError | DomainError | Error): Explained {
  if (error instanceof DomainError) {
    const base = generic(error.status);
    return {
      ...base,
      code: error.code,
      vi: { title: base.vi.title, messages: error.problems.map((p) => p.vi) },
      en: { title: base.en.title, messages: error.problems.map((p) => p.en) },
      details: error.problems.map((p) => ({ ...(p.field ? { field: p.field } : {}), code: p.code, message: p.en })),
    };
  }
  if (error instanceof MalformedBodyError) {
    const base = generic(error.statusCode);
    return { ...base, code: error.code, vi: { title: base.vi.title, messages: [error.vi] }, en: { title: base.en.title, messages: [error.en] } };
  }
  const fe = error as FastifyError & { validation?: { instancePath?: string; message?: string }[] };
  if (fe.validation) {
    const base = generic(400);
    return {
      ...base,
      code: 'validation_failed',
      details: fe.validation.map((v) => ({ field: (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.'), code: 'invalid', message: v.message ?? 'invalid' })),
    };
  }
  if (fe.code?.startsWith('FST_CSRF')) {
    return {
      status: 403,
      code: 'csrf_failed',
      vi: { title: 'Biểu mẫu đã hết hạn', messages: ['Biểu mẫu đã hết hạn hoặc không hợp lệ (bảo vệ chống giả mạo yêu cầu). Vui lòng tải lại trang rồi gửi lại.'] },
      en: { title: 'Form expired', messages: ['This form has expired or is not valid (request forgery protection). Please reload the page and submit again.'] },
    };
  }
  const status = typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 600 ? fe.statusCode : 500;
  return generic(status);
}

/**
 * The back office speaks the reader's chosen language. A public page speaks
 * the language of its address (English under /en/ when the site has it) and,
 * on a site with English, says the same in the other language alongside, as
 * its other pages offer both.
 */
function errorPageLanguages(request: FastifyRequest): { lang: Lang; alongside: Lang | null } {
  if (/^\/admin(?:[/?]|$)/.test(request.url)) return { lang: request.lang ?? 'vi', alongside: null };
  const bilingual = (request as { site?: { languages?: Lang[] } }).site?.languages?.includes('en') === true;
  const lang: Lang = bilingual && /^\/en(?:[/?]|$)/.test(request.url) ? 'en' : 'vi';
  return { lang, alongside: bilingual ? (lang === 'vi' ? 'en' : 'vi') : null };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, given: Explained): FastifyReply {
  let explained = given;
  reply.code(explained.status);
  if (explained.status === 401 && wantsJson(request)) reply.header('www-authenticate', 'Bearer');
  if (wantsJson(request)) {
    const body: ApiErrorBody = {
      error: { code: explained.code, message: explained.en.messages.join(' '), ...(explained.details ? { details: explained.details } : {}) },
      requestId: String(request.id),
    };
    return reply.type('application/json; charset=utf-8').send(body);
  }
  if (explained.status === 429) explained = withWait(explained, Number(reply.getHeader('retry-after')));
  const { lang, alongside } = errorPageLanguages(request);
  const text = explained[lang];
  const html = ErrorPage({
    lang,
    status: explained.status,
    title: text.title,
    messages: text.messages,
    requestId: String(request.id),
    siteName: (request as { site?: { name: string } }).site?.name,
    ...(alongside ? { alongside: { lang: alongside, ...explained[alongside] } } : {}),
  }) as string;
  return reply.type('text/html; charset=utf-8').send(html);
}

/**
 * A refusal for too many requests says how long to wait (a public form's limit runs for an hour, not
 * "a moment") and how to get back what was typed: the limit stops the request before the form is read.
 */
function withWait(explained: Explained, seconds: number): Explained {
  if (!Number.isFinite(seconds) || seconds <= 0) return explained;
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  const vi = minutes === 1 ? 'khoảng một phút' : `khoảng ${minutes} phút`;
  const en = minutes === 1 ? 'about a minute' : `about ${minutes} minutes`;
  return {
    ...explained,
    vi: { ...explained.vi, messages: [`Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng thử lại sau, chậm nhất ${vi} nữa.`, 'Nội dung vừa nhập chưa được gửi: bấm nút Quay lại (Back) của trình duyệt để lấy lại nội dung và giữ để gửi sau.'] },
    en: { ...explained.en, messages: [`You sent too many requests in a short time. Please try again later, in ${en} at most.`, 'What you typed was not sent: use the browser’s Back button to get it back, and keep it to send later.'] },
  };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    const explained = explain(error);
    if (explained.status >= 500) {
      request.log.error({ err: error }, 'request failed');
    } else if (explained.status !== 404) {
      request.log.info({ code: explained.code, status: explained.status }, 'request refused');
    }
    return sendError(request, reply, explained);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, generic(404)));
}

export function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendError(request, reply, generic(404));
}
export function forbidden(request: FastifyRequest, reply: FastifyReply, messages?: { vi: string; en: string }): FastifyReply {
  const base = generic(403);
  if (messages) {
    base.vi.messages = [messages.vi];
    base.en.messages = [messages.en];
  }
  return sendError(request, reply, base);
}
export function unauthorized(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return sendError(request, reply, generic(401));
}
