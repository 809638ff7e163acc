// Creating sites, changing their details and their life cycle (active →
// archived / merged into another site), each with its audit row.
import { DomainError, NotFoundError, Problems, type Problem } from '../../core/errors.ts';
import { isoNow, systemClock, type Clock } from '../../core/time.ts';
import { normalizeInput } from '../../core/vietnamese/index.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Lang } from '../../ui/i18n.ts';
import { appendAudit, type AuditActor } from '../audit/store.ts';
import { handOverOpenCases, openCaseCount, type HandedOver } from '../citizens/hand-over-cases.ts';
import {
  DEFAULT_SETTINGS,
  REDIRECT_MODES,
  SITE_KEY_RE,
  SITE_LEVELS,
  isValidHost,
  normalizeHost,
  type RedirectMode,
  type Site,
  type SiteContact,
  type SiteLabels,
  type SiteLevel,
  type SiteSettings,
} from './site.ts';
import { clearDefaultSite, getSite, getSiteByKey, hostsTakenElsewhere, insertSite, replaceHosts, updateSiteRow } from './store.ts';

export interface SiteInput {
  key: string;
  name: string;
  nameEn?: string | null;
  agencyName: string;
  agencyNameEn?: string | null;
  level: SiteLevel;
  parentSiteId?: number | null;
  languages?: Lang[];
  labels?: SiteLabels;
  contact?: SiteContact;
  settings?: Partial<SiteSettings>;
  hosts: string[];
  isDefault?: boolean;
}

async function checkSiteInput(db: Db, input: SiteInput, siteId: number | null): Promise<string[]> {
  const problems = new Problems();
  if (!SITE_KEY_RE.test(input.key)) {
    problems.add({
      code: 'invalid_key', field: 'key',
      vi: 'Mã trang chỉ gồm chữ thường không dấu, chữ số và dấu gạch nối, dài 2–63 ký tự (ví dụ: nhuxuan).',
      en: 'Site key must be 2–63 lower-case letters, digits or dashes (e.g. nhuxuan).',
    });
  } else {
    const existing = await getSiteByKey(db, input.key);
    if (existing && existing.id !== siteId) {
      problems.add({ code: 'key_taken', field: 'key', vi: `Mã trang "${input.key}" đã được dùng.`, en: `Site key "${input.key}" is already used.` });
    }
  }
  if (!input.name.trim()) problems.add({ code: 'name_required', field: 'name', vi: 'Vui lòng nhập tên trang.', en: 'Please enter the site name.' });
  if (!input.agencyName.trim()) {
    problems.add({ code: 'agency_required', field: 'agencyName', vi: 'Vui lòng nhập tên cơ quan chủ quản.', en: 'Please enter the owning agency.' });
  }
  if (!(SITE_LEVELS as readonly string[]).includes(input.level)) {
    problems.add({ code: 'invalid_level', field: 'level', vi: 'Cấp của trang không hợp lệ.', en: 'Invalid site level.' });
  }
  const hosts = input.hosts.map(normalizeHost);
  if (hosts.length === 0) {
    problems.add({ code: 'hosts_required', field: 'hosts', vi: 'Vui lòng nhập ít nhất một tên miền.', en: 'Please enter at least one host name.' });
  }
  const badHosts = hosts.filter((h) => !isValidHost(h));
  if (badHosts.length > 0) {
    problems.add({
      code: 'invalid_host', field: 'hosts',
      vi: `Tên miền không hợp lệ: ${badHosts.join(', ')} (ví dụ: nhuxuan.thanhhoa.gov.vn).`,
      en: `Invalid host names: ${badHosts.join(', ')} (e.g. nhuxuan.thanhhoa.gov.vn).`,
    });
  }
  const taken = await hostsTakenElsewhere(db, hosts, siteId);
  if (taken.length > 0) {
    problems.add({ code: 'host_taken', field: 'hosts', vi: `Tên miền đã thuộc trang khác: ${taken.join(', ')}.`, en: `Host names used by another site: ${taken.join(', ')}.` });
  }
  if (input.parentSiteId != null) {
    const parent = await getSite(db, input.parentSiteId);
    if (!parent || parent.id === siteId) {
      problems.add({ code: 'invalid_parent', field: 'parentSiteId', vi: 'Trang cấp trên không hợp lệ.', en: 'Invalid parent site.' });
    }
  }
  problems.throwIfAny();
  return [...new Set(hosts)];
}

function clean(input: SiteInput) {
  return {
    key: input.key.trim().toLowerCase(),
    name: normalizeInput(input.name),
    name_en: input.nameEn ? normalizeInput(input.nameEn) : null,
    agency_name: normalizeInput(input.agencyName),
    agency_name_en: input.agencyNameEn ? normalizeInput(input.agencyNameEn) : null,
    level: input.level,
    parent_site_id: input.parentSiteId ?? null,
    languages: JSON.stringify(input.languages?.length ? [...new Set(['vi', ...input.languages])] : ['vi']),
    labels: JSON.stringify(input.labels ?? {}),
    contact: JSON.stringify(input.contact ?? {}),
    settings: JSON.stringify({ ...DEFAULT_SETTINGS, ...(input.settings ?? {}) }),
  };
}

/** Creates a site; the audit row opens the new site's own chain. */
export async function createSite(db: Db, actor: Omit<AuditActor, 'siteId'>, input: SiteInput, clock: Clock = systemClock): Promise<Site> {
  return db.transaction().execute(async (trx) => {
    const hosts = await checkSiteInput(trx, { ...input, key: input.key.trim().toLowerCase() }, null);
    const now = isoNow(clock);
    if (input.isDefault) await clearDefaultSite(trx);
    const id = await insertSite(
      trx,
      { ...clean(input), status: 'active', redirect_mode: 'none', is_default: input.isDefault ? 1 : 0, created_at: now, updated_at: now },
      hosts,
    );
    await appendAudit(trx, { ...actor, siteId: id }, { action: 'site.create', targetType: 'site', targetId: id, details: { key: input.key, hosts } }, clock);
    return (await getSite(trx, id))!;
  });
}

export async function updateSite(db: Db, actor: AuditActor, siteId: number, input: SiteInput, clock: Clock = systemClock): Promise<Site> {
  return db.transaction().execute(async (trx) => {
    const before = await getSite(trx, siteId);
    if (!before) throw new NotFoundError({ vi: 'trang', en: 'Site' });
    const hosts = await checkSiteInput(trx, input, siteId);
    const now = isoNow(clock);
    if (input.isDefault && !before.isDefault) await clearDefaultSite(trx);
    await updateSiteRow(trx, siteId, { ...clean(input), is_default: input.isDefault ? 1 : before.isDefault ? 1 : 0, updated_at: now });
    await replaceHosts(trx, siteId, hosts, now);
    const after = (await getSite(trx, siteId))!;
    await appendAudit(trx, actor, { action: 'site.update', targetType: 'site', targetId: siteId, details: diffSites(before, after) }, clock);
    return after;
  });
}

/** Field-by-field before/after of what changed, for the audit log. */
function diffSites(before: Site, after: Site): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof Site)[]) {
    const a = JSON.stringify(before[key]);
    const b = JSON.stringify(after[key]);
    if (a !== b) changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}

export interface StatusChange {
  status: 'active' | 'archived' | 'merged';
  mergedIntoSiteId?: number | null;
  notice?: string | null;
  redirectMode?: RedirectMode;
  /** The site that takes over the open cases of an archived site (a merged site's go to the site it merged into). */
  handoverSiteId?: number | null;
  /**
   * The site that now carries out an archived site's duties (linked from its notice, its closed forms
   * and listed in that site's footer); stored where successorOf reads it. Unset: the case receiver or
   * the parent site. `noSuccessor` records the explicit choice of none (docs/adr/0029).
   */
  successorSiteId?: number | null;
  noSuccessor?: boolean;
  /** Check only (the confirmation step): refuses like the real change, writes nothing. */
  dryRun?: boolean;
}

export interface StatusChanged {
  site: Site;
  /** The open cases handed over, for the effects after commit (announceHandover); null when none moved. */
  handover: HandedOver | null;
}

/**
 * Archive a site (a district abolished in 2025), mark it merged into another,
 * or reactivate it. Content stays readable with a notice; the home page may
 * redirect. A site that stops operating hands its open cases over to one that
 * operates, in the same transaction (docs/adr/0010); saving the status again
 * hands over whatever was left behind.
 */
export async function changeSiteStatus(db: Db, actor: AuditActor, siteId: number, change: StatusChange, clock: Clock = systemClock): Promise<StatusChanged> {
  return db.transaction().execute(async (trx) => {
    const site = await getSite(trx, siteId);
    if (!site) throw new NotFoundError({ vi: 'trang', en: 'Site' });
    const problems = new Problems();
    const redirectMode = change.redirectMode ?? 'none';
    if (!(REDIRECT_MODES as readonly string[]).includes(redirectMode)) {
      problems.add({ code: 'invalid_redirect', field: 'redirectMode', vi: 'Chế độ chuyển hướng không hợp lệ.', en: 'Invalid redirect mode.' });
    }
    let mergedInto: number | null = null;
    if (change.status === 'merged') {
      const target = change.mergedIntoSiteId ? await getSite(trx, change.mergedIntoSiteId) : null;
      if (!target || target.id === siteId) {
        problems.add({ code: 'merge_target_required', field: 'mergedIntoSiteId', vi: 'Vui lòng chọn trang tiếp nhận (khác trang này).', en: 'Choose the site it merged into (another site).' });
      } else if (target.status !== 'active') {
        problems.add({ code: 'merge_target_inactive', field: 'mergedIntoSiteId', vi: 'Trang tiếp nhận phải đang hoạt động.', en: 'The receiving site must be active.' });
      } else {
        mergedInto = target.id;
      }
    }
    if (change.status === 'archived' && !change.noSuccessor) {
      const successorId = change.successorSiteId ?? change.handoverSiteId ?? site.parentSiteId ?? null;
      const successor = successorId !== null && successorId !== siteId ? await getSite(trx, successorId) : null;
      if (successorId !== null && (!successor || successor.status !== 'active')) {
        problems.add({ code: 'successor_inactive', field: 'successorSiteId', vi: 'Trang kế thừa phải là một trang khác đang hoạt động.', en: 'The successor must be another site that operates.' });
      } else {
        mergedInto = successor?.id ?? null;
      }
    }
    if (change.status !== 'merged' && redirectMode !== 'none') {
      problems.add({ code: 'redirect_needs_merge', field: 'redirectMode', vi: 'Chỉ chuyển hướng được khi trang đã hợp nhất vào trang khác.', en: 'Redirects need a site it merged into.' });
    }
    const receiver = change.status === 'active' ? null : await caseReceiver(trx, site, change, mergedInto, problems);
    problems.throwIfAny();
    if (change.dryRun) return { site, handover: null };
    const now = isoNow(clock);
    // The site row first: it is what a citizen's form locks (demandSiteReceives), so no case slips in behind the handover.
    await updateSiteRow(trx, siteId, {
      status: change.status,
      merged_into_site_id: mergedInto,
      status_notice: change.status === 'active' ? null : change.notice ? normalizeInput(change.notice) : null,
      redirect_mode: change.status === 'merged' ? redirectMode : 'none',
      status_changed_at: now,
      updated_at: now,
      settings: JSON.stringify({ ...site.settings, noSuccessor: change.status === 'archived' && change.noSuccessor ? true : undefined }),
    });
    await appendAudit(
      trx,
      actor,
      { action: 'site.status', targetType: 'site', targetId: siteId, details: { from: site.status, to: change.status, mergedInto, ...(change.status === 'archived' ? { successor: mergedInto } : {}), redirectMode } },
      clock,
    );
    const after = (await getSite(trx, siteId))!;
    if (change.status === 'active') return { site: after, handover: null };
    if (receiver) {
      const handover = await handOverOpenCases(trx, actor, after, receiver, clock);
      return { site: after, handover: handover.cases.length > 0 ? handover : null };
    }
    // A case that arrived while this was being decided: refused like the form would have been.
    const open = await openCaseCount(trx, siteId);
    if (open > 0) throw new DomainError(handoverRequired(open));
    return { site: after, handover: null };
  });
}

/**
 * The site that takes over the open cases of a site that stops operating: the
 * one it merged into, or the one chosen for an archived site, when it operates.
 * Adds a problem when there are open cases and no site to take them.
 */
async function caseReceiver(trx: Db, site: Site, change: StatusChange, mergedInto: number | null, problems: Problems): Promise<Site | null> {
  const receiverId = change.status === 'merged' ? mergedInto : (change.handoverSiteId ?? null);
  const receiver = receiverId !== null && receiverId !== site.id ? await getSite(trx, receiverId) : null;
  if (receiver?.status === 'active') return receiver;
  const open = await openCaseCount(trx, site.id);
  // A merge without a valid target is refused already.
  if (open > 0 && !(change.status === 'merged' && mergedInto === null)) {
    problems.add(receiver ? { code: 'handover_target_inactive', field: 'handoverSiteId', vi: 'Trang tiếp nhận ý kiến phải đang hoạt động.', en: 'The site that takes the cases over must be active.' } : handoverRequired(open));
  }
  return null;
}

function handoverRequired(open: number): Problem {
  return {
    code: 'handover_required',
    field: 'handoverSiteId',
    vi: `Trang còn ${open} ý kiến của người dân chưa xử lý xong: hãy chọn trang tiếp nhận để chuyển giao.`,
    en: `The site still has ${open} open citizens' cases: choose the site that takes them over.`,
  };
}
