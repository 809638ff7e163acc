// What an entry's media and relation fields choose from: this site's library,
// documents, units, members and entries only (the save checks again).
import type { FieldDecl, SectionKind } from '../../core/entries/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Option } from '../../ui/components/form.tsx';
import { listMedia } from '../media/media.ts';
import { listMembers } from '../members/store.ts';
import { listUnits } from '../units/manage-units.ts';
import { buildUnitTree, flattenTree } from '../units/unit.ts';
import type { EntryFieldOptions } from './fields.tsx';

/** Most items a select offers; the newest first. */
const MAX_OPTIONS = 300;

function typesOf(fields: FieldDecl[]): Set<FieldDecl['type']> {
  return new Set(fields.flatMap((f) => [f.type, ...(f.fields ?? []).map((s) => s.type)]));
}

/** Only what the kind's fields use is loaded. */
export async function entryFieldOptions(db: Db, siteId: number, kind: SectionKind): Promise<EntryFieldOptions> {
  const types = typesOf(kind.fields);
  const needs = (...t: FieldDecl['type'][]) => t.some((x) => types.has(x));
  const media = needs('file', 'files', 'picture', 'pictures') ? (await listMedia(db, siteId, { limit: MAX_OPTIONS })).items : [];
  const label = (m: { originalName: string; alt?: string | null }) => `${m.originalName}${m.alt ? ` — ${m.alt}` : ''}`;
  const articles = async (kindOf: 'document' | 'entry', entryKind?: string) => {
    let q = db.selectFrom('articles').select(['id', 'title']).where('site_id', '=', siteId).where('kind', '=', kindOf).where('deleted_at', 'is', null);
    if (entryKind) q = q.where('entry_kind', '=', entryKind);
    return (await q.orderBy('updated_at', 'desc').limit(MAX_OPTIONS).execute()).map((r) => ({ value: String(r.id), label: r.title }));
  };
  const entries: Record<string, Option[]> = {};
  for (const f of kind.fields.flatMap((x) => [x, ...(x.fields ?? [])])) {
    if (f.type === 'entries' && !entries[f.entryKind ?? '']) entries[f.entryKind ?? ''] = await articles('entry', f.entryKind);
  }
  return {
    images: media.filter((m) => m.kind === 'image').map((m) => ({ value: String(m.id), label: label(m) })),
    files: media.map((m) => ({ value: String(m.id), label: label(m) })),
    documents: needs('documents') ? await articles('document') : [],
    units: needs('units') ? flattenTree(buildUnitTree(await listUnits(db, siteId))).map((n) => ({ value: String(n.unit.id), label: `${'— '.repeat(n.depth)}${n.unit.name}` })) : [],
    people: needs('people') ? (await listMembers(db, siteId, { status: 'active' })).map((m) => ({ value: String(m.userId), label: m.position ? `${m.name} — ${m.position}` : m.name })) : [],
    entries,
  };
}
