// Relation targets in the editor: typed as a document number, looked up on
// this site only; and, for display, the number and title of the documents the
// relation rows point at.
import { foldNumber, type DocumentDetails } from '../../core/documents/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { FormReader } from '../../platform/http/form.ts';
import { format, type Lang } from '../../ui/i18n.ts';
import type { RelationLookup } from '../articles/form.ts';
import type { ArticleInput } from '../articles/save-article.ts';
import { documentAdminText } from './admin-messages.ts';
import type { RelationTarget } from './admin-pages.tsx';

/** The site's documents whose number folds to `number` (any issuer). */
export async function documentsByNumber(db: Db, siteId: number, number: string): Promise<{ id: number }[]> {
  const prefix = `${foldNumber(number)}|`;
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'document_key'])
    .where('site_id', '=', siteId)
    .where('kind', '=', 'document')
    .where('deleted_at', 'is', null)
    .where('document_key', 'like', `${prefix.replace(/[%_\\]/g, '')}%`)
    .limit(50)
    .execute();
  return rows.filter((r) => r.document_key?.startsWith(prefix)).map((r) => ({ id: r.id }));
}

/** Turns relation rows typed as numbers into ids; an unknown or ambiguous number is a form error. */
export async function resolveRelationLookups(db: Db, siteId: number, form: FormReader, input: ArticleInput | null, lookups: RelationLookup[], lang: Lang): Promise<void> {
  if (!input?.document || lookups.length === 0) return;
  const t = documentAdminText(lang);
  for (const l of lookups) {
    const found = await documentsByNumber(db, siteId, l.number);
    if (found.length === 1) {
      input.document.relations.push({ relation: l.relation, toArticleId: found[0]!.id });
      form.values[`docRelTarget-${l.index}`] = String(found[0]!.id);
    } else {
      form.fail(`docRelTarget-${l.index}`, format(found.length === 0 ? t.numberNotFound : t.numberAmbiguous, { number: l.number }));
    }
  }
}

/** Number and title of the site's documents among `ids`, for the relation rows. */
export async function relationTargets(db: Db, siteId: number, ids: number[]): Promise<Map<number, RelationTarget>> {
  const wanted = [...new Set(ids.filter((id) => Number.isInteger(id) && id > 0 && id < 2 ** 31))];
  const map = new Map<number, RelationTarget>();
  if (wanted.length === 0) return map;
  const rows = await db.selectFrom('articles').select(['id', 'title', 'details']).where('site_id', '=', siteId).where('kind', '=', 'document').where('deleted_at', 'is', null).where('id', 'in', wanted).execute();
  for (const r of rows) {
    let number = '';
    try {
      number = (JSON.parse(r.details ?? '{}') as Partial<DocumentDetails>).number ?? '';
    } catch {
      number = '';
    }
    map.set(r.id, { number, title: r.title });
  }
  return map;
}
