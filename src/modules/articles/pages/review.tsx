// The review page, where the queue and the notifications lead: the item's
// content as readers will see it (or, for a correction, what changes from the
// published version) beside the decision buttons, so a reviewer reads and
// approves on one page, in one click.
import type { DiffPart } from '../../../core/content/index.ts';
import { format } from '../../../ui/i18n.ts';
import { AdminLayout } from '../../../ui/layout.tsx';
import type { PageContext } from '../../../ui/page-context.ts';
import type { FormState } from '../../../ui/components/form.tsx';
import { articleText } from '../messages.ts';
import { ActionArea, fieldAnchor, StatusLine, type WorkflowPanelData } from './actions.tsx';
import { DiffColumn } from './lists.tsx';
import type { EntryValues, SectionKind } from '../../../core/entries/index.ts';
import type { EntryNames } from '../../entries/display.ts';
import { EntryFieldsTable } from '../../entries/review-table.tsx';

export interface ReviewContent {
  title: string;
  summary: string;
  /** Sanitised when saved (sanitizeArticleHtml), as the public page shows it. */
  bodyHtml: string;
  cover: { url: string; alt: string; caption: string | null; width: number | null; height: number | null } | null;
  authorName: string | null;
  source: string | null;
  /** An entry's declared fields, shown as a table under its title. */
  entry?: { kind: SectionKind; values: EntryValues; names: EntryNames } | null;
}

export interface ReviewProps {
  ctx: PageContext;
  w: WorkflowPanelData;
  form: FormState;
  content: ReviewContent;
  /** For a published item with pending changes: the changes, field by field. */
  changes: { label: string; changed: boolean; parts: DiffPart[] }[] | null;
  screening: boolean;
}

function AsPublic({ c, lang }: { c: ReviewContent; lang: PageContext['lang'] }): JSX.Element {
  return (
    <article class="article-preview">
      <h3 class="article-preview-title" safe>
        {c.title}
      </h3>
      {c.summary ? (
        <p class="lead" safe>
          {c.summary}
        </p>
      ) : (
        ''
      )}
      {c.cover ? (
        <figure>
          <img src={c.cover.url} alt={c.cover.alt} width={c.cover.width ? String(c.cover.width) : undefined} height={c.cover.height ? String(c.cover.height) : undefined} />
          {c.cover.caption ? <figcaption safe>{c.cover.caption}</figcaption> : ''}
        </figure>
      ) : (
        ''
      )}
      {c.entry ? <EntryFieldsTable kind={c.entry.kind} values={c.entry.values} names={c.entry.names} lang={lang} /> : ''}
      <div class="article-body">{c.bodyHtml as 'safe'}</div>
      {c.authorName || c.source ? (
        <p class="muted" safe>
          {[c.authorName, c.source].filter(Boolean).join(' — ')}
        </p>
      ) : (
        ''
      )}
    </article>
  );
}

export function ReviewPage({ ctx, w, form, content, changes, screening }: ReviewProps): JSX.Element {
  const t = articleText(ctx.lang);
  const title = format(t.reviewTitle, { title: content.title });
  const editor = `/admin/articles/${w.articleId}`;
  return (
    <AdminLayout ctx={ctx} title={title}>
      <p class="actions-row">
        <a href="/admin/queue">{t.queue}</a>
        <a href={editor}>{t.editContent}</a>
      </p>
      <h1 safe>{title}</h1>
      <StatusLine ctx={ctx} status={w.status} />
      <div class="editor-layout">
        <div class="editor-main">
          {changes ? (
            <section aria-labelledby="changes-h">
              <h2 id="changes-h">{t.changesTitle}</h2>
              <p class="hint">{t.changesLead}</p>
              {changes.map((f) =>
                f.changed ? (
                  <>
                    <h3 safe>{f.label}</h3>
                    <div class="diff">
                      <DiffColumn parts={f.parts} side="old" />
                      <DiffColumn parts={f.parts} side="new" />
                    </div>
                  </>
                ) : (
                  ''
                ),
              )}
            </section>
          ) : (
            <section aria-labelledby="as-public-h">
              <h2 id="as-public-h">{t.asPublic}</h2>
              <AsPublic c={content} lang={ctx.lang} />
            </section>
          )}
          {screening ? (
            <p class="flash flash-info">
              <a href={`${editor}#screening-h`}>{t.screeningNote}</a>
            </p>
          ) : (
            ''
          )}
        </div>
        <aside class="editor-side">
          <section class="workflow-panel" aria-labelledby="decision-h">
            <h2 id="decision-h">{t.decision}</h2>
            <ActionArea ctx={ctx} w={w} form={form} origin="review" fieldHref={(field) => `${editor}#${fieldAnchor(field)}`} />
            <p class="actions-row">
              <a href={editor}>{t.editContent}</a>
              <a href={`${editor}/history`}>{t.history}</a>
              {w.publicUrl ? <a href={w.publicUrl}>{t.viewPublic}</a> : ''}
            </p>
          </section>
        </aside>
      </div>
    </AdminLayout>
  );
}
