// The site's own choice of sections for each information group, saved with
// its audit row in one transaction. A group set to "recognise by address" has
// no row.
import { Problems } from '../../core/errors.ts';
import { completenessGroup } from '../../core/completeness/catalogue.ts';
import { isoNow, type Clock } from '../../core/time.ts';
import { inTransaction, type Db } from '../../platform/db/database.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';

/** group → chosen section ids, or null for "recognise by address". */
export type MappingInput = Record<string, number[] | null>;

export async function saveMappings(db: Db, actor: AuditActor, input: MappingInput, clock: Clock): Promise<void> {
  const siteId = actor.siteId;
  await inTransaction(db, async (trx) => {
    const own = new Set((await trx.selectFrom('sections').select('id').where('site_id', '=', siteId).execute()).map((s) => s.id));
    const problems = new Problems();
    for (const [key, ids] of Object.entries(input)) {
      if (!completenessGroup(key)) problems.add({ code: 'unknown_group', field: `mode_${key}`, vi: 'Nhóm thông tin không có trong danh mục.', en: 'Unknown information group.' });
      else if (ids?.some((id) => !own.has(id))) problems.add({ code: 'foreign_section', field: `s_${key}`, vi: 'Chuyên mục không thuộc trang này.', en: 'That section is not one of this site.' });
    }
    problems.throwIfAny();
    const now = isoNow(clock);
    for (const [key, ids] of Object.entries(input)) {
      if (ids === null) {
        await trx.deleteFrom('completeness_mappings').where('site_id', '=', siteId).where('group_key', '=', key).execute();
      } else {
        const value = JSON.stringify([...new Set(ids)].sort((a, b) => a - b));
        await trx
          .insertInto('completeness_mappings')
          .values({ site_id: siteId, group_key: key, section_ids: value, updated_at: now })
          .onConflict((oc) => oc.columns(['site_id', 'group_key']).doUpdateSet({ section_ids: value, updated_at: now }))
          .execute();
      }
    }
    await appendAudit(trx, actor, { action: 'completeness.map_sections', targetType: 'site', targetId: siteId, details: { groups: input } }, clock);
  });
}
