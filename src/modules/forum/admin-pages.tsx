// The forum in the back office (interaction.moderate): the moderation queue,
// a topic with every post (the original text of removed ones and the posters'
// contacts, never public), and the settings with the categories.
import { formatDateTime } from '../../core/time.ts';
import type { ForumCategoryRow, ForumPostRow, ForumReportRow, ForumTopicRow } from '../../platform/db/schema.ts';
import { ActionButton, Checkbox, CsrfField, ErrorSummary, SelectField, TextArea, TextField, type FormState } from '../../ui/components/form.tsx';
import { format, type Lang } from '../../ui/i18n.ts';
import { AdminLayout } from '../../ui/layout.tsx';
import type { PageContext } from '../../ui/page-context.ts';
import { forumText } from './messages.ts';
import { forumPaths, heldForOf, LIMITS } from './model.ts';
import type { QueueItem, QueueView } from './store.ts';

export const VIEW_PARAM: Record<QueueView, string> = { pending: 'cho-duyet', published: 'da-dang', reported: 'bao-cao', removed: 'da-go' };

function statusLabel(lang: Lang, status: string): string {
  const t = forumText(lang);
  return status === 'published' ? t.statusPublished : status === 'rejected' ? t.statusRejected : status === 'removed' ? t.statusRemoved : t.statusPending;
}

function Tabs(props: { lang: Lang; view: QueueView; counts: { pending: number; reported: number } }): JSX.Element {
  const t = forumText(props.lang);
  const tabs: [QueueView, string][] = [
    ['pending', format(t.tabPending, { n: props.counts.pending })],
    ['published', t.tabPublished],
    ['reported', format(t.tabReported, { n: props.counts.reported })],
    ['removed', t.tabRemoved],
  ];
  return (
    <nav aria-label={t.queue} class="tabs">
      <ul class="inline-list">
        {tabs.map(([view, label]) => (
          <li>
            <a href={`/admin/forum?xem=${VIEW_PARAM[view]}`} aria-current={view === props.view ? 'page' : undefined} safe>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A post with what the board may do with it now; `back` is where the action returns to. */
function PostCard(props: { ctx: PageContext; post: ForumPostRow; topic: ForumTopicRow; category?: string; reports: ForumReportRow[]; back: string; showTopic: boolean }): JSX.Element {
  const lang = props.ctx.lang;
  const t = forumText(lang);
  const p = props.post;
  const held = heldForOf(p.held_for);
  const contact = p.by_board ? '' : p.personal_data_erased_at ? t.erased : [p.author_email, p.author_phone].filter(Boolean).join(' · ');
  const reasonForm = (action: 'reject' | 'remove') => (
    <form method="post" action={`/admin/forum/posts/${p.id}/${action}`} class="inline-form">
      <CsrfField token={props.ctx.csrfToken} />
      <input type="hidden" name="back" value={props.back} />
      <label for={`reason-${action}-${p.id}`}>{t.reason}</label>{' '}
      <input type="text" id={`reason-${action}-${p.id}`} name="reason" required maxlength={String(LIMITS.reason)} />{' '}
      <button type="submit" class="button button-danger">
        {action === 'reject' ? t.reject : t.remove}
      </button>
    </form>
  );
  return (
    <article class="panel forum-admin-post" id={`bai-${p.id}`}>
      {props.showTopic ? (
        <h2>
          <a href={`/admin/forum/topics/${props.topic.id}#bai-${p.id}`} safe>
            {props.topic.title}
          </a>
          {props.category ? <span class="muted" safe>{` · ${props.category}`}</span> : ''}
        </h2>
      ) : (
        ''
      )}
      <p>
        <strong safe>{statusLabel(lang, p.status)}</strong>
        <span safe>{` · ${p.is_first ? t.topics : t.replies} · ${formatDateTime(p.created_at)}`}</span>
        {held.length > 0 ? <strong class="tag-bad" safe>{` · ${format(t.heldFor, { what: held.map((h) => (h === 'screening' ? t.heldScreening : t.heldPersonal)).join(', ') })}`}</strong> : ''}
      </p>
      <dl class="meta">
        <dt>{t.poster}</dt>
        <dd safe>{p.by_board ? `${p.author_name} (${format(t.boardAnswers, { board: p.author_name })})` : p.author_name}</dd>
        {p.by_board ? '' : (
          <>
            <dt>{t.posterContact}</dt>
            <dd safe>{contact}</dd>
          </>
        )}
        {p.moderation_reason ? (
          <>
            <dt>{t.reason}</dt>
            <dd safe>{`${p.moderation_reason}${p.moderated_at ? ` (${formatDateTime(p.moderated_at)})` : ''}`}</dd>
          </>
        ) : (
          ''
        )}
      </dl>
      {p.status === 'removed' ? <h3>{t.originalText}</h3> : ''}
      <div class="pre-line forum-body" safe>
        {p.body}
      </div>
      {props.reports.length > 0 ? (
        <>
          <h3>{t.reports}</h3>
          <ul>
            {props.reports.map((r) => (
              <li>
                <span safe>{`${formatDateTime(r.created_at)}: ${r.reason} `}</span>
                <ActionButton action={`/admin/forum/reports/${r.id}/dismiss`} label={t.dismiss} csrfToken={props.ctx.csrfToken} fields={{ back: props.back }} variant="secondary" />
              </li>
            ))}
          </ul>
        </>
      ) : (
        ''
      )}
      <div class="actions">
        {p.status === 'pending' ? (
          <>
            <ActionButton action={`/admin/forum/posts/${p.id}/approve`} label={t.approve} csrfToken={props.ctx.csrfToken} fields={{ back: props.back }} />
            {reasonForm('reject')}
          </>
        ) : p.status === 'published' ? (
          reasonForm('remove')
        ) : (
          ''
        )}
      </div>
    </article>
  );
}

export function QueuePage(props: { ctx: PageContext; view: QueueView; items: QueueItem[]; reports: ForumReportRow[]; counts: { pending: number; reported: number } }): JSX.Element {
  const lang = props.ctx.lang;
  const t = forumText(lang);
  const back = `/admin/forum?xem=${VIEW_PARAM[props.view]}`;
  return (
    <AdminLayout ctx={props.ctx} title={t.queue}>
      <h1>{t.queue}</h1>
      <p>
        <a href="/admin/forum/settings">{t.settings}</a> · <a href={forumPaths.index('vi')}>{t.viewPublic}</a>
      </p>
      <Tabs lang={lang} view={props.view} counts={props.counts} />
      {props.items.length === 0 ? (
        <p>{props.view === 'pending' ? t.nothingPending : t.nothingHere}</p>
      ) : (
        props.items.map((i) => <PostCard ctx={props.ctx} post={i.post} topic={i.topic} category={i.category} reports={props.reports.filter((r) => r.post_id === i.post.id)} back={back} showTopic />)
      )}
    </AdminLayout>
  );
}

export function TopicAdminPage(props: { ctx: PageContext; topic: ForumTopicRow; posts: ForumPostRow[]; reports: ForumReportRow[]; categories: ForumCategoryRow[]; board: string; reply: FormState }): JSX.Element {
  const lang = props.ctx.lang;
  const t = forumText(lang);
  const topic = props.topic;
  const back = `/admin/forum/topics/${topic.id}`;
  const act = (action: string, label: string) => <ActionButton action={`${back}/${action}`} label={label} csrfToken={props.ctx.csrfToken} variant="secondary" />;
  return (
    <AdminLayout ctx={props.ctx} title={topic.title}>
      <p>
        <a href="/admin/forum">{t.queue}</a>
      </p>
      <h1 safe>{topic.title}</h1>
      <p>
        <strong safe>{statusLabel(lang, topic.status)}</strong>
        {topic.locked ? <span safe>{` · ${t.locked}`}</span> : ''}
        {topic.pinned ? <span safe>{` · ${t.pinned}`}</span> : ''}
        {topic.status === 'published' || topic.status === 'removed' ? (
          <>
            {' · '}
            <a href={forumPaths.topic('vi', topic.id)}>{t.viewPublic}</a>
          </>
        ) : (
          ''
        )}
      </p>
      <div class="actions">
        {topic.locked ? act('unlock', t.unlock) : act('lock', t.lock)}
        {topic.pinned ? act('unpin', t.unpin) : act('pin', t.pin)}
        <form method="post" action={`${back}/move`} class="inline-form">
          <CsrfField token={props.ctx.csrfToken} />
          <label for="move-category">{t.move}</label>{' '}
          <select id="move-category" name="category">
            {props.categories.map((c) => (
              <option value={String(c.id)} selected={c.id === topic.category_id} safe>
                {c.name}
              </option>
            ))}
          </select>{' '}
          <button type="submit" class="button button-secondary">
            {t.moveButton}
          </button>
        </form>
      </div>
      {props.posts.map((p) => (
        <PostCard ctx={props.ctx} post={p} topic={topic} reports={props.reports.filter((r) => r.post_id === p.id)} back={back} showTopic={false} />
      ))}
      {topic.status === 'published' ? (
        <section aria-labelledby="board-reply">
          <h2 id="board-reply" safe>
            {format(t.boardReply, { board: props.board })}
          </h2>
          <ErrorSummary form={props.reply} title={t.formErrors} />
          <form method="post" action={`${back}/reply`} novalidate>
            <CsrfField token={props.ctx.csrfToken} />
            <TextArea name="body" label={t.body} form={props.reply} required rows={6} maxlength={LIMITS.body} />
            <button type="submit" class="button">
              {t.reply}
            </button>
          </form>
        </section>
      ) : (
        ''
      )}
    </AdminLayout>
  );
}

export function SettingsPage(props: { ctx: PageContext; settings: FormState; categories: ForumCategoryRow[]; newCategory: FormState }): JSX.Element {
  const lang = props.ctx.lang;
  const t = forumText(lang);
  return (
    <AdminLayout ctx={props.ctx} title={t.settings}>
      <p>
        <a href="/admin/forum">{t.queue}</a>
      </p>
      <h1>{t.settings}</h1>
      <ErrorSummary form={props.settings} title={t.formErrors} />
      <form method="post" action="/admin/forum/settings" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <Checkbox name="enabled" label={t.enabled} form={props.settings} />
        <SelectField name="moderation" label={t.moderation} form={props.settings} required options={[{ value: 'before', label: t.moderationBefore }, { value: 'after', label: t.moderationAfter }]} />
        <button type="submit" class="button">
          {t.save}
        </button>
      </form>
      <h2>{t.categories}</h2>
      {props.categories.map((c) => {
        const field = (name: string, label: string, value: string, type = 'text') => (
          <div class="field">
            <label for={`${name}-${c.id}`} safe>
              {label}
            </label>
            <input id={`${name}-${c.id}`} name={name} type={type} value={value} />
          </div>
        );
        return (
          <form method="post" action={`/admin/forum/categories/${c.id}`} class="panel" novalidate>
            <CsrfField token={props.ctx.csrfToken} />
            {field('name', t.categoryName, c.name)}
            {field('description', t.categoryDescription, c.description)}
            {field('slug', t.categorySlug, c.slug)}
            {field('sortOrder', t.categoryOrder, String(c.sort_order), 'number')}
            <p>
              <a href={forumPaths.category('vi', c.slug)} safe>
                {forumPaths.category('vi', c.slug)}
              </a>
            </p>
            <button type="submit" class="button button-secondary">
              {t.save}
            </button>
          </form>
        );
      })}
      <h2>{t.addCategory}</h2>
      <ErrorSummary form={props.newCategory} title={t.formErrors} />
      <form method="post" action="/admin/forum/categories" novalidate>
        <CsrfField token={props.ctx.csrfToken} />
        <TextField name="name" label={t.categoryName} form={props.newCategory} required maxlength={LIMITS.categoryName} />
        <TextField name="description" label={t.categoryDescription} form={props.newCategory} maxlength={LIMITS.categoryDescription} />
        <TextField name="slug" label={t.categorySlug} form={props.newCategory} maxlength={60} />
        <TextField name="sortOrder" type="number" label={t.categoryOrder} form={props.newCategory} min={0} max={999} />
        <button type="submit" class="button">
          {t.addCategory}
        </button>
      </form>
    </AdminLayout>
  );
}
