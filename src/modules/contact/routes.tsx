// The board's inbox of contact-form messages (liên hệ): new ones first, each
// marked as dealt with by whom and when. Citizens' names, e-mail addresses and
// phone numbers are personal data: only people who moderate interaction see them.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatDateTime } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { notFound } from '../../platform/http/errors.tsx';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { actorOf } from '../../platform/http/request-info.ts';
import { ActionButton } from '../../ui/components/form.tsx';
import { Pagination } from '../../ui/components/pagination.tsx';
import { defineMessages, format } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { listContactMessages, markContactHandled, type ContactStatus } from './contact.ts';

const PAGE_SIZE = 30;

const text = defineMessages({
  vi: {
    title: 'Liên hệ của người dân',
    lead: 'Thư gửi qua trang Liên hệ. Trả lời người gửi qua thư điện tử hoặc điện thoại rồi đánh dấu đã xử lý.',
    tabNew: 'Chưa xử lý ({n})',
    tabHandled: 'Đã xử lý ({n})',
    none: 'Không có thư nào.',
    from: 'Người gửi',
    received: 'Nhận lúc',
    handled: 'Đã xử lý bởi {name} lúc {time}.',
    markHandled: 'Đánh dấu đã xử lý',
    marked: 'Đã đánh dấu thư đã xử lý.',
    gone: 'Thư này đã được xử lý trước đó.',
    replyByMail: 'Trả lời qua thư điện tử',
  },
  en: {
    title: 'Messages from citizens',
    lead: 'Messages sent through the Contact page. Answer the sender by e-mail or phone, then mark the message handled.',
    tabNew: 'New ({n})',
    tabHandled: 'Handled ({n})',
    none: 'No messages.',
    from: 'From',
    received: 'Received',
    handled: 'Handled by {name} at {time}.',
    markHandled: 'Mark handled',
    marked: 'Message marked handled.',
    gone: 'This message had already been handled.',
    replyByMail: 'Reply by e-mail',
  },
});

export function registerContactRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const access = { access: { kind: 'permission' as const, permission: 'interaction.moderate' as const } };

  app.get('/admin/contact', { config: access }, async (request, reply) => {
    const t = text(request.lang);
    const query = request.query as { trang?: string; xem?: string };
    const status: ContactStatus = query.xem === 'da-xu-ly' ? 'handled' : 'new';
    const page = Math.max(1, Math.min(100_000, Number.parseInt(query.trang ?? '1', 10) || 1));
    const [list, counts] = await Promise.all([listContactMessages(db, request.site.id, status, PAGE_SIZE, (page - 1) * PAGE_SIZE), countsOf(request)]);
    const ctx = await pageContext(deps, request, reply);
    const tabs: { status: ContactStatus; href: string; label: string }[] = [
      { status: 'new', href: '/admin/contact', label: format(t.tabNew, { n: counts.new }) },
      { status: 'handled', href: '/admin/contact?xem=da-xu-ly', label: format(t.tabHandled, { n: counts.handled }) },
    ];
    return sendHtml(
      reply,
      <AdminLayout ctx={ctx} title={t.title}>
        <h1>{t.title}</h1>
        <p class="lead">{t.lead}</p>
        <nav aria-label={t.title}>
          <ul class="tabs">
            {tabs.map((tab) => (
              <li>
                <a href={tab.href} aria-current={tab.status === status ? 'page' : undefined} safe>
                  {tab.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        {list.rows.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul class="timeline">
            {list.rows.map((m) => (
              <li id={`thu-${m.id}`}>
                <h2 class="h3" safe>
                  {m.subject}
                </h2>
                <p class="muted">
                  <span safe>{`${t.from}: ${m.name}${m.email ? ` <${m.email}>` : ''}${m.phone ? `, ${m.phone}` : ''}`}</span>
                  <br />
                  <span safe>{`${t.received}: ${formatDateTime(m.created_at)}`}</span>
                </p>
                <p class="pre-line" safe>
                  {m.message}
                </p>
                {m.status === 'handled' ? (
                  <p class="muted" safe>
                    {format(t.handled, { name: m.handled_by_name ?? '—', time: m.handled_at ? formatDateTime(m.handled_at) : '' })}
                  </p>
                ) : (
                  <div class="actions">
                    {m.email ? (
                      <a class="button secondary" href={`mailto:${encodeURIComponent(m.email)}?subject=${encodeURIComponent(`Re: ${m.subject}`)}`}>
                        {t.replyByMail}
                      </a>
                    ) : (
                      ''
                    )}
                    <ActionButton action={`/admin/contact/${m.id}/handled`} label={t.markHandled} csrfToken={ctx.csrfToken} />
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        <Pagination lang={request.lang} page={page} pages={Math.max(1, Math.ceil(list.total / PAGE_SIZE))} baseUrl="/admin/contact" query={status === 'handled' ? { xem: 'da-xu-ly' } : {}} />
      </AdminLayout>,
    );
  });

  app.post('/admin/contact/:id/handled', { config: access }, async (request, reply) => {
    const t = text(request.lang);
    const id = Number((request.params as { id: string }).id);
    const outcome = Number.isSafeInteger(id) && id > 0 ? await markContactHandled(db, actorOf(request), id, deps.clock) : 'not_found';
    if (outcome === 'not_found') return notFound(request, reply);
    return redirectWithFlash(reply, '/admin/contact', outcome === 'handled' ? { kind: 'success', text: t.marked } : { kind: 'info', text: t.gone });
  });

  async function countsOf(request: FastifyRequest): Promise<Record<ContactStatus, number>> {
    const rows = await db
      .selectFrom('contact_messages')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('site_id', '=', request.site.id)
      .groupBy('status')
      .execute();
    const count = (s: ContactStatus) => Number(rows.find((r) => r.status === s)?.n ?? 0);
    return { new: count('new'), handled: count('handled') };
  }
}
