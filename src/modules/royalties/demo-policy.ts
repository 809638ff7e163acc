// Demo royalty data: the national frame (Decree 18/2014 until 31 Aug 2026,
// the regional minimum wages) and, per demo site, its own table from 1 Sep
// 2026 built from its seed (presets/*.json "royalties"), an approved 2026
// budget and, for the provincial office (002 Đ6.2), a promotion income.
import path from 'node:path';
import { MINIMUM_WAGE_RULE, POLICY_RULE, type BudgetLine, type RoyaltyPolicy } from '../../core/royalties/policy.ts';
import { systemClock, type Clock } from '../../core/time.ts';
import type { Db } from '../../platform/db/database.ts';
import type { AuditActor } from '../audit/store.ts';
import { PRESETS_DIR, readPreset } from '../demo/presets.ts';
import { addRuleVersion } from '../rules/store.ts';
import { approveBudget, recordMovement } from './budget-store.ts';
import { DECREE_18_FROM, DECREE_18_POLICY, DECREE_18_TO, DECREE_287_FROM, DECREE_287_REUSE_MIN, MINIMUM_WAGES } from './national.ts';
import { addSitePolicyVersion } from './policy-manage.ts';

const NATIONAL_REASON = 'Nạp mức chuẩn quốc gia theo văn bản đã ban hành';

/** National royalty.policy (Decree 18/2014, ending 31 Aug 2026: nothing national after it) and the regional minimum wages. */
export async function loadNationalRoyaltyRules(db: Db, actor: AuditActor, clock: Clock = systemClock): Promise<void> {
  await addRuleVersion(db, actor, { siteId: null, key: POLICY_RULE, value: DECREE_18_POLICY, effectiveFrom: DECREE_18_FROM, effectiveTo: DECREE_18_TO, citation: 'Nghị định 18/2014/NĐ-CP về chế độ nhuận bút', reason: NATIONAL_REASON }, clock);
  for (const w of MINIMUM_WAGES) {
    await addRuleVersion(db, actor, { siteId: null, key: MINIMUM_WAGE_RULE, value: w.value, effectiveFrom: w.from, citation: w.citation, reason: NATIONAL_REASON }, clock);
  }
}

const PROVINCIAL_ASSUMPTION = 'Bảng nhuận bút do tỉnh ban hành theo Nghị định 287/2026/NĐ-CP (giả định cho dữ liệu mẫu)';

/** A table modelled on Decree 18/2014 with Decree 287/2026's floor for reuse: for seeds that give no amounts. */
function modelTable(): RoyaltyPolicy {
  return { ...DECREE_18_POLICY, reusePercent: { min: DECREE_287_REUSE_MIN, max: 50 }, paymentDays: 60 };
}

interface SeedRoyalty {
  text: string;
  source: string;
  amountVnd?: number;
}

/** The table each demo site has from 1 Sep 2026, with its citation. */
export function demoSitePolicy(presetKey: string, regulation: string, seed: readonly SeedRoyalty[]): { policy: RoyaltyPolicy; citation: string } {
  const sources = [...new Set(seed.map((s) => s.source))].join('; ');
  const cite = (extra: string) => `${regulation}, ${sources}${extra}; ${PROVINCIAL_ASSUMPTION}`;
  if (presetKey === 'thanhchuong') {
    const allowance = seed.find((s) => s.amountVnd !== undefined)?.amountVnd ?? 2_000_000;
    return {
      policy: {
        ...modelTable(),
        // 001 Đ10: "không quá 01 ngày lương theo mức lương tối thiểu" per item. The seed names no region;
        // region IV (rural communes of Nghệ An) is an assumption.
        cap: { basis: 'minimum_wage_days', days: 1, region: 'IV' },
        // 001 Đ10: editing, collecting and approving paid within the approved budget; modest amounts per item.
        remuneration: { editing: 30_000, collecting: 20_000, approving: 15_000 },
        boardAllowanceYearly: { head: allowance, deputy: allowance, member: allowance },
      },
      citation: cite(' (Ban biên tập 2.000.000 đ/năm mỗi người; tin bài không quá 01 ngày lương tối thiểu, vùng IV là giả định)'),
    };
  }
  if (presetKey === 'vpubnd-kontum') {
    return {
      policy: { ...modelTable(), remuneration: { editing: 25_000, collecting: 0, approving: 20_000 } },
      citation: cite(' (nguồn thu dịch vụ giới thiệu, quảng bá được bổ sung chi nhuận bút, thù lao — Đ6.2)'),
    };
  }
  return { policy: modelTable(), citation: cite('') };
}

/** Approved 2026 budget per line (VND). */
const DEMO_BUDGET: Record<BudgetLine, number> = {
  infrastructure: 30_000_000,
  connectivity: 12_000_000,
  software: 20_000_000,
  operation: 15_000_000,
  board_remuneration: 16_000_000,
  royalties: 12_000_000,
  other: 5_000_000,
};

/**
 * The royalties line per demo site, sized so the two demo months of assessed
 * items (royalties/demo.ts, loaded in December 2026: about 9.4 M at Kon Rẫy,
 * 4.4 M at Như Xuân, 1.4 M at the Department of Construction, 2.9 M at Thanh
 * Chương, 2.8 M at the provincial office) use most but not all of it.
 */
const DEMO_ROYALTIES_LINE: Record<string, number> = {
  konray: 12_000_000,
  nhuxuan: 6_000_000,
  'sxd-kontum': 2_000_000,
  thanhchuong: 4_000_000,
  'vpubnd-kontum': 3_500_000,
};

/** A demo site's own royalty table from 1 Sep 2026, its approved 2026 budget and (002 Đ6.2) one promotion income. */
export async function loadSiteRoyaltyPolicy(db: Db, actor: AuditActor, siteId: number, presetKey: string, clock: Clock = systemClock): Promise<void> {
  const preset = readPreset(path.join(PRESETS_DIR, `${presetKey}.json`));
  const seed = ((preset as unknown as { royalties?: SeedRoyalty[] }).royalties ?? []).filter((s) => typeof s.text === 'string');
  const { policy, citation } = demoSitePolicy(presetKey, preset.regulation.title, seed);
  await addSitePolicyVersion(db, actor, siteId, { policy, effectiveFrom: DECREE_287_FROM, citation, reason: 'Bảng nhuận bút mẫu theo quy chế của trang, áp dụng từ khi Nghị định 287/2026/NĐ-CP có hiệu lực' }, clock);
  await approveBudget(db, actor, siteId, 2026, { ...DEMO_BUDGET, royalties: DEMO_ROYALTIES_LINE[presetKey] ?? DEMO_BUDGET.royalties }, clock);
  if (presetKey === 'vpubnd-kontum') {
    await recordMovement(db, actor, siteId, 'income', { onDate: '2026-06-15', amount: 5_000_000, description: 'Dịch vụ giới thiệu, quảng bá cho doanh nghiệp (002 Đ6.2)' }, clock);
  }
}
