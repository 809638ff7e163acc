// `trangtin demo`: the five seed sites with their units, dated rules from their
// regulations, the national baseline, one demo account per role per site, and
// a few sample articles published through each site's review chain.
import { loadDemoUsage } from '../usage/demo-usage.ts';
import { ROLES, type Role } from '../../core/permissions.ts';
import { systemClock, type Clock } from '../../core/time.ts';
import { randomToken } from '../../platform/crypto.ts';
import type { Db } from '../../platform/db/database.ts';
import { hashPassword, passwordProblems } from '../accounts/passwords.ts';
import type { AuditActor } from '../audit/store.ts';
import { addMember } from '../members/manage-members.ts';
import { addRuleVersion } from '../rules/store.ts';
import { loadNationalRoyaltyRules, loadSiteRoyaltyPolicy } from '../royalties/demo-policy.ts';
import { createSite } from '../sites/manage-sites.ts';
import type { Site, SiteLabels } from '../sites/site.ts';
import { createUnit } from '../units/manage-units.ts';
import { isUnitKind } from '../units/unit.ts';
import { presetKindSettings, readAllPresets, regulationDate, type PresetUnit, type SitePreset } from './presets.ts';
import { PRESET_CHAINS, type PresetKey } from '../../core/workflow/index.ts';
import { createSection } from '../sections/manage-sections.ts';
import { CHAIN_RULE } from '../articles/workflow-context.ts';
import { publishDemoArticles } from './demo-content.ts';
import { loadDemoOrganisation } from './demo-organisation.ts';
import { publishDemoEntries } from './demo-entries.ts';
import { loadDemoStoryThreads } from './demo-story-threads.ts';
import { loadDemoSchedule } from './demo-schedule.ts';
import { loadDemoEngagement } from './demo-engagement.ts';
import { loadDemoGalleries } from './demo-gallery.ts';
import { addDemoPictures } from './demo-pictures.ts';
import type { FileStore } from '../../platform/files/index.ts';
import { loadDemoProcedures } from '../procedures/demo.ts';
import { loadDemoCitizens } from '../citizens/demo.ts';
import { CITIZEN_DEADLINE_DEFAULTS } from '../../core/citizens/index.ts';
import { MEETING_NEWS_DEFAULT } from '../../core/provision/index.ts';
import { loadProvisionHistory } from '../provision/demo-history.ts';

import { loadDemoReports } from '../reports/demo.ts';
import { loadRoyaltyDemo } from '../royalties/demo.ts';
import { loadDemoForum } from './demo-forum.ts';

export const DEMO_DEFAULT_SITE = 'vpubnd-kontum';
export const PLATFORM_ADMIN_EMAIL = 'admin@trangtin.localhost';

/** Local part of each role's demo e-mail: <slug>@<site key>.localhost */
export const ROLE_EMAIL_SLUG: Record<Role, string> = {
  site_admin: 'quantri',
  editor_in_chief: 'truongban',
  deputy: 'phoban',
  secretariat: 'thuongtruc',
  board_member: 'thanhvien',
  secretary: 'thuky',
  publisher: 'kythuat',
  unit_head: 'lanhdao',
  contributor: 'congtacvien',
  responder: 'traloi',
};

// Fictional people; any likeness to real officials is unintended.
const DEMO_NAMES: Record<Role, string> = {
  site_admin: 'Trần Quốc Bảo',
  editor_in_chief: 'Nguyễn Thị Hồng Hạnh',
  deputy: 'Lê Văn Đức',
  secretariat: 'Phạm Thị Thu Trang',
  board_member: 'Hoàng Minh Tuấn',
  secretary: 'Vũ Thị Lan',
  publisher: 'Đặng Quang Huy',
  unit_head: 'Bùi Thị Ngọc Ánh',
  contributor: 'Đỗ Văn Khánh',
  responder: 'Ngô Thị Mai',
};

const LABEL_KEYS: Record<string, keyof SiteLabels> = {
  board: 'board',
  owner: 'owner',
  editorInChief: 'editor_in_chief',
  deputy: 'deputy',
  secretariat: 'secretariat',
  boardMember: 'board_member',
  secretary: 'secretary',
  publisher: 'publisher',
  unitHead: 'unit_head',
  contributor: 'contributor',
  responder: 'responder',
};

const DEADLINE_RULES: Record<string, string> = {
  news_after_event: 'deadline.news_after_event',
  document_after_signing: 'deadline.document_after_signing',
  issued_document_entry: 'deadline.document_after_signing',
  major_event: 'deadline.major_event',
  board_approval_after_receipt: 'deadline.board_approval',
};

/**
 * Seed deadlines that are not a plain duration: "ngay" (immediately, 002
 * Đ11.1b–c) is read as a short deadline a site can change (4 working hours,
 * core/provision MEETING_NEWS_DEFAULT), and "by the 30th of each month" (003
 * Đ10.2a) as a day of the month.
 */
const SPECIAL_DEADLINES: Record<string, (d: { amount: number; unit: string }) => { key: string; value: unknown }> = {
  leadership_news_after_meeting: () => ({ key: 'deadline.meeting_news', value: { ...MEETING_NEWS_DEFAULT } }),
  meeting_invitation_after_signing: () => ({ key: 'deadline.meeting_news', value: { ...MEETING_NEWS_DEFAULT } }),
  socio_economic_data: (d) => ({ key: 'deadline.monthly_data_day', value: { day: d.amount } }),
};

export interface DemoResult {
  sites: Site[];
  password: string;
  logins: { site: string; host: string; role: Role | 'platform_admin'; email: string }[];
}

const systemActor = (label: string): Omit<AuditActor, 'siteId'> => ({ userId: null, onBehalfOfUserId: null, label, ip: null, userAgent: null });

/** A random password that satisfies the policy, shared by the demo accounts. */
export function demoPassword(): string {
  return `Demo-${randomToken(6)}-2026`;
}

async function addUnits(db: Db, actor: AuditActor, units: PresetUnit[], parentId: number | null, clock: Clock): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, unit] of units.entries()) {
    const id = await createUnit(db, actor, { name: unit.name, kind: isUnitKind(unit.kind) ? unit.kind : 'other', parentId, sortOrder: i }, clock);
    ids.push(id, ...(await addUnits(db, actor, unit.children ?? [], id, clock)));
  }
  return ids;
}

/** The seed's sections, with the news section first and a labelled reference section (001 Đ7.1). */
async function addSections(db: Db, actor: AuditActor, preset: SitePreset, clock: Clock): Promise<void> {
  const wanted = [...preset.sections];
  if (!wanted.some((s) => /^Tin tức/.test(s.name))) wanted.unshift({ name: 'Tin tức, sự kiện', nameEn: 'News and Events' });
  for (const [i, section] of wanted.entries()) {
    const reference = section.name === 'Tin tham khảo';
    await createSection(db, actor, { name: section.name, nameEn: section.nameEn ?? null, sortOrder: i, isReference: reference }, clock);
  }
  if (!wanted.some((s) => s.name === 'Tin tham khảo')) {
    await createSection(db, actor, { name: 'Tin tham khảo', nameEn: 'Reference Information', sortOrder: wanted.length, isReference: true }, clock);
  }
}

async function addPresetRules(db: Db, actor: AuditActor, preset: SitePreset, clock: Clock): Promise<void> {
  const from = regulationDate(preset);
  const citation = `${preset.regulation.title}${preset.regulation.decision ? ` (QĐ ${preset.regulation.decision})` : ''}`;
  // Seeded from the regulation's own date, which may lie before today over a national baseline.
  const reason = 'Nạp khi tạo trang: quy chế có hiệu lực từ ngày ban hành';
  const chain = PRESET_CHAINS[preset.key as PresetKey];
  if (chain) await addRuleVersion(db, actor, { siteId: actor.siteId, key: CHAIN_RULE, value: chain, effectiveFrom: from, citation, reason }, clock);
  const seen = new Set<string>();
  for (const d of preset.deadlines) {
    const special = SPECIAL_DEADLINES[d.key]?.(d);
    if (special && !seen.has(special.key)) {
      seen.add(special.key);
      await addRuleVersion(db, actor, { siteId: actor.siteId, key: special.key, value: special.value, effectiveFrom: from, citation: `${citation}, ${d.source}`, reason }, clock);
      continue;
    }
    const key = DEADLINE_RULES[d.key];
    if (!key || seen.has(key) || !['working_hours', 'working_days', 'calendar_days'].includes(d.unit)) continue;
    seen.add(key);
    await addRuleVersion(db, actor, { siteId: actor.siteId, key, value: { amount: d.amount, unit: d.unit }, effectiveFrom: from, citation: `${citation}, ${d.source}`, reason }, clock);
  }
  for (const q of preset.quotas) {
    const key = q.who === 'unit' ? 'quota.unit' : 'quota.board_member';
    await addRuleVersion(db, actor, { siteId: actor.siteId, key, value: { min: q.min, per: q.per }, effectiveFrom: from, citation: `${citation}, ${q.source}`, reason }, clock);
  }
}

/** National baseline (national-rules.md): the base salary, and the Access to Information deadline. */
async function addNationalRules(db: Db, actor: AuditActor, clock: Clock): Promise<void> {
  const national = (key: string, value: unknown, effectiveFrom: string, citation: string) =>
    addRuleVersion(db, actor, { siteId: null, key, value, effectiveFrom, citation, reason: 'Nạp mức chuẩn quốc gia theo văn bản đã ban hành' }, clock);
  await national('money.base_salary', 2_340_000, '2024-07-01', 'Nghị định 73/2024/NĐ-CP');
  await national('money.base_salary', 2_530_000, '2026-07-01', 'Nghị định 161/2026/NĐ-CP');
  await national('deadline.information_disclosure', { amount: 5, unit: 'working_days' }, '2018-07-01', 'Luật Tiếp cận thông tin 104/2016/QH13, Điều 18(4)');
  await national('deadline.question_answer', { amount: 15, unit: 'working_days' }, '2011-08-01', 'Nghị định 43/2011/NĐ-CP, Điều 17');
  await loadNationalRoyaltyRules(db, actor, clock);
  // The citizens' voice baseline, with the sources core/citizens falls back to.
  const citizenKeys = ['deadline.petition_forward', 'deadline.info_request_simple', 'deadline.info_request_notice', 'deadline.info_request_complex', 'deadline.info_request_extension', 'deadline.correction_claim'];
  for (const key of citizenKeys) {
    const d = CITIZEN_DEADLINE_DEFAULTS[key]!;
    await national(key, { amount: d.amount, unit: d.unit }, key === 'deadline.petition_forward' ? '2008-03-24' : '2018-07-01', d.source);
  }
}

/**
 * Loads the five demo sites. With a file store the sample news get their illustrations
 * (demo-pictures.ts); without one they are published without pictures.
 */
export async function loadDemo(db: Db, opts: { password?: string; clock?: Clock; files?: FileStore } = {}): Promise<DemoResult> {
  const clock = opts.clock ?? systemClock;
  const password = opts.password ?? demoPassword();
  const problems = passwordProblems(password, {});
  if (problems.length > 0) throw new Error(`Demo password refused: ${problems.map((p) => p.en).join(' ')}`);
  const passwordHash = await hashPassword(password);
  const result: DemoResult = { sites: [], password, logins: [] };
  let platformAdminId: number | null = null;

  for (const preset of readAllPresets()) {
    const labels: SiteLabels = {};
    for (const [from, to] of Object.entries(LABEL_KEYS)) if (preset.labels[from]) labels[to] = preset.labels[from];
    const site = await createSite(
      db,
      systemActor('trangtin demo'),
      {
        key: preset.key,
        name: preset.name,
        nameEn: preset.nameEn ?? null,
        agencyName: preset.agencyName,
        agencyNameEn: preset.agencyNameEn ?? null,
        level: preset.level,
        languages: preset.languages,
        labels,
        contact: preset.contact,
        // The preset's licence, channels and portal are illustrative demo values (presets/README.md).
        settings: {
          ...(preset.licence ? { licence: preset.licence } : {}),
          ...(preset.channels ? { channels: preset.channels } : {}),
          ...(preset.links ? { links: preset.links } : {}),
          ...(preset.publicServicePortal ? { publicServicePortal: preset.publicServicePortal } : {}),
          ...(preset.entryKinds ? { entryKinds: presetKindSettings(preset) } : {}),
        },
        hosts: [preset.host],
        isDefault: preset.key === DEMO_DEFAULT_SITE,
      },
      clock,
    );
    result.sites.push(site);
    const actor: AuditActor = { ...systemActor('trangtin demo'), siteId: site.id };
    const unitIds = await addUnits(db, actor, preset.units, null, clock);
    await addSections(db, actor, preset, clock);
    await addPresetRules(db, actor, preset, clock);
    await loadSiteRoyaltyPolicy(db, actor, site.id, preset.key, clock);
    const byRole: Partial<Record<Role, number>> = {};
    for (const role of ROLES) {
      const email = `${ROLE_EMAIL_SLUG[role]}@${preset.key}.localhost`;
      const inUnit = role === 'unit_head' || role === 'contributor' || role === 'responder';
      // 004 Đ12.2: at the Department of Construction the deputy publishes after the head approves.
      const roles: Role[] = preset.key === 'sxd-kontum' && role === 'deputy' ? ['deputy', 'publisher'] : [role];
      byRole[role] = (await addMember(db, actor, { email, name: DEMO_NAMES[role], roles, unitId: inUnit ? (unitIds[0] ?? null) : null, passwordHash }, clock)).userId;
      result.logins.push({ site: preset.key, host: preset.host, role, email });
    }
    const pictures = opts.files ? await addDemoPictures(db, opts.files, { ...actor, userId: byRole.contributor ?? null }, ['hall', 'fields', 'office', 'village', 'screen', 'letters'], clock) : undefined;
    await publishDemoArticles(db, site, preset, { byRole, unitId: unitIds[0] ?? null, authorName: DEMO_NAMES.contributor, ...(pictures ? { pictures } : {}) }, clock);
    await loadDemoOrganisation(db, site, preset, { byRole, unitId: unitIds[0] ?? null, authorName: DEMO_NAMES.contributor, ...(pictures ? { pictures } : {}) }, clock);
    await publishDemoEntries(db, site, preset, { byRole, unitId: unitIds[0] ?? null, authorName: DEMO_NAMES.contributor }, clock);
    await loadDemoStoryThreads(db, site, { byRole, unitId: unitIds[0] ?? null, authorName: DEMO_NAMES.contributor, ...(pictures ? { pictures } : {}) }, actor, clock);
    await loadDemoSchedule(db, site, { byRole, unitId: unitIds[0] ?? null, authorName: DEMO_NAMES.contributor }, clock);
    await loadDemoEngagement(db, site, preset.key, { byRole, unitId: unitIds[0] ?? null, authorName: DEMO_NAMES.contributor }, opts.files, clock);
    if (opts.files) await loadDemoGalleries(db, opts.files, site, preset, { byRole, unitId: unitIds[0] ?? null, authorName: DEMO_NAMES.contributor }, clock);
    // Five months of provision history: the provision page and the reports have figures on first start.
    const units = unitIds.length ? await db.selectFrom('units').select(['id', 'name']).where('site_id', '=', site.id).where('id', 'in', unitIds).orderBy('sort_order').orderBy('id').execute() : [];
    const board = (['editor_in_chief', 'deputy', 'secretariat', 'board_member'] as const).map((r) => byRole[r]).filter((id): id is number => id !== undefined);
    await loadProvisionHistory(db, site, units, { contributor: byRole.contributor!, board, approver: byRole.deputy!, publisher: byRole.publisher! }, clock);
    // Sample procedures (birth registration…), published by the site's publisher.
    await loadDemoProcedures(db, site, { userId: byRole.publisher ?? null }, clock);
    // A question answered and published, cases waiting, the access-to-information list, a draft open for comment.
    await loadDemoCitizens(db, site, byRole, unitIds[0] ?? null, clock);
    await loadDemoForum(db, site, byRole, clock);
    // A few months of page views, searches and downloads for /admin/usage and the usage report.
    await loadDemoUsage(db, site.id, site.key, clock);
    // Last month's report as a draft, the month before approved and frozen.
    await loadDemoReports(db, site, byRole, DEMO_NAMES, actor, clock, preset.province ?? null);
    // The installation administrator belongs to every site as its site administrator too.
    const admin = await addMember(db, actor, { email: PLATFORM_ADMIN_EMAIL, name: 'Quản trị Trung tâm CNTT', roles: ['site_admin'], passwordHash }, clock);
    platformAdminId = admin.userId;
  }
  if (platformAdminId !== null) {
    await db.updateTable('users').set({ is_platform_admin: 1 }).where('id', '=', platformAdminId).execute();
    result.logins.unshift({ site: '*', host: '*', role: 'platform_admin', email: PLATFORM_ADMIN_EMAIL });
  }
  const first = result.sites[0];
  if (first) await addNationalRules(db, { ...systemActor('trangtin demo'), siteId: first.id }, clock);
  for (const site of result.sites) await loadRoyaltyDemo(db, site.id, clock);
  return result;
}
