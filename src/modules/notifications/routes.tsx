// The person's notifications on this site, newest first, marked read on request.
import type { FastifyInstance } from 'fastify';
import { formatDateTime } from '../../core/time.ts';
import type { AppDeps } from '../../platform/http/context.ts';
import { redirectWithFlash } from '../../platform/http/flash.ts';
import { defineMessages } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import { ActionButton } from '../../ui/components/form.tsx';
import { pageContext, sendHtml } from '../backoffice/render.ts';
import { listNotifications, markRead } from './notify.ts';

const text = defineMessages({
  vi: { title: 'Thông báo', none: 'Không có thông báo.', markAll: 'Đánh dấu tất cả đã đọc', marked: 'Đã đánh dấu đã đọc.', unread: 'chưa đọc', open: 'Mở' },
  en: { title: 'Notifications', none: 'No notifications.', markAll: 'Mark all as read', marked: 'Marked as read.', unread: 'unread', open: 'Open' },
});

export function registerNotificationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const db = deps.database.db;
  const signedIn = { access: { kind: 'signed-in' as const } };

  app.get('/admin/notifications', { config: signedIn }, async (request, reply) => {
    const t = text(request.lang);
    const items = await listNotifications(db, request.site.id, request.auth!.user.id);
    const ctx = await pageContext(deps, request, reply);
    return sendHtml(
      reply,
      <AdminLayout ctx={ctx} title={t.title}>
        <h1>{t.title}</h1>
        {items.some((n) => n.read_at === null) ? <ActionButton action="/admin/notifications/read" label={t.markAll} csrfToken={ctx.csrfToken} variant="secondary" /> : ''}
        {items.length === 0 ? (
          <p>{t.none}</p>
        ) : (
          <ul class="timeline">
            {items.map((n) => (
              <li>
                <strong safe>{n.title}</strong>
                {n.read_at === null ? <span class="tag tag-bad">{t.unread}</span> : ''}
                <br />
                <span class="muted" safe>
                  {formatDateTime(n.created_at)}
                </span>
                <p safe>{n.body}</p>
                {n.link && n.link.startsWith('/admin') ? <a href={n.link}>{t.open}</a> : ''}
              </li>
            ))}
          </ul>
        )}
      </AdminLayout>,
    );
  });

  app.post('/admin/notifications/read', { config: signedIn }, async (request, reply) => {
    await markRead(db, request.site.id, request.auth!.user.id, 'all', deps.clock);
    return redirectWithFlash(reply, '/admin/notifications', { kind: 'success', text: text(request.lang).marked });
  });
}
