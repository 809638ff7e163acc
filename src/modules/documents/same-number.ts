// Numbers are unique per issuing body per year (Decree 30/2020/NĐ-CP Art. 15:
// each year's numbering starts again at 01). One lookup for the editor, the
// import and the push: the push recognises a document it pushed before by
// the same rule, so 400/QĐ-UBND of 2026 is not taken for that of 2025.
import { documentKey, numberYear, type DocumentDetails } from '../../core/documents/index.ts';
import type { Problem } from '../../core/errors.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ArticleRow } from '../../platform/db/schema.ts';

/** The site's document (not in the trash) with this number and issuer in the same year, other than `exceptId`. */
export async function documentWithNumber(db: Db, siteId: number, d: Pick<DocumentDetails, 'number' | 'issuer' | 'issuedOn'>, exceptId: number | null): Promise<ArticleRow | undefined> {
  const year = numberYear(d.issuedOn);
  if (!year || !d.number.trim() || !d.issuer.trim()) return undefined;
  const rows = await db
    .selectFrom('articles')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('kind', '=', 'document')
    .where('document_key', '=', documentKey(d.number, d.issuer))
    .where('deleted_at', 'is', null)
    .$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!))
    .orderBy('id', 'desc')
    .execute();
  return rows.find((r) => issuedYear(r.details) === year);
}

function issuedYear(details: string | null): string | null {
  try {
    const issuedOn = details ? (JSON.parse(details) as { issuedOn?: unknown }).issuedOn : null;
    return typeof issuedOn === 'string' ? numberYear(issuedOn) : null;
  } catch {
    return null;
  }
}

/** The refusal of a second document with the same number, issuer and year. */
export function duplicateNumber(d: Pick<DocumentDetails, 'number' | 'issuer' | 'issuedOn'>, existingId: number): Problem {
  const year = numberYear(d.issuedOn) ?? '';
  return {
    code: 'duplicate_number',
    field: 'docNumber',
    vi: `Đã có văn bản số «${d.number}» của «${d.issuer}» năm ${year} trên trang (mã ${existingId}): số văn bản của một cơ quan ban hành không trùng nhau trong một năm (Nghị định 30/2020/NĐ-CP, Điều 15). Hãy kiểm tra lại số hoặc sửa văn bản đã có.`,
    en: `Document ${d.number} of ${d.issuer} for ${year} is already on this site (id ${existingId}): an issuing body's numbers are unique within a year (Decree 30/2020/NĐ-CP, Art. 15). Check the number, or edit the existing document.`,
  };
}
