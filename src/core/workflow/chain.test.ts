import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ROLES, type Role } from '../permissions.ts';
import { DEFAULT_CHAIN, checkChainCompletable, parseChain, type ReviewChain } from './chain.ts';
import { PRESET_CHAINS, type PresetKey } from './preset-chains.ts';

const validStep = (over: Record<string, unknown> = {}) => ({
  key: 'secretariat_edit',
  name: 'Tổng hợp và biên tập thông tin',
  nameEn: 'Compile and edit',
  actor: { kind: 'role', role: 'secretariat' },
  kind: 'edit',
  deadline: { amount: 2, unit: 'working_hours' },
  ...over,
});

function problemsOf(value: unknown) {
  const r = parseChain(value);
  if ('chain' in r) assert.fail('expected the chain to be refused');
  return r.problems;
}

function chainOf(value: unknown): ReviewChain {
  const r = parseChain(value);
  if ('problems' in r) assert.fail(`refused: ${r.problems.map((p) => p.en).join(' | ')}`);
  return r.chain;
}

describe('parseChain', () => {
  it('accepts every preset and the default chain as they come back from JSON', () => {
    for (const chain of [DEFAULT_CHAIN, ...Object.values(PRESET_CHAINS)]) {
      assert.deepEqual(chainOf(JSON.parse(JSON.stringify(chain))), chain);
    }
  });

  it('accepts an empty chain (items go straight to approval)', () => {
    assert.deepEqual(chainOf({ steps: [], fourEyes: false, publishDeadline: null }), { steps: [], fourEyes: false, publishDeadline: null });
  });

  it('trims names, defaults a missing English name and deadlines, and drops unknown fields', () => {
    const chain = chainOf({ steps: [validStep({ name: '  Duyệt  ', nameEn: undefined, deadline: undefined, extra: 1 })], fourEyes: true });
    assert.deepEqual(chain.steps[0], { key: 'secretariat_edit', name: 'Duyệt', nameEn: 'Duyệt', actor: { kind: 'role', role: 'secretariat' }, kind: 'edit', deadline: null });
    assert.equal(chain.publishDeadline, null);
  });

  it('does not hand back the input object', () => {
    const input = { steps: [validStep()], fourEyes: true, publishDeadline: null };
    const chain = chainOf(input);
    assert.notEqual(chain.steps[0], input.steps[0]);
    assert.notEqual(chain.steps[0]?.actor, input.steps[0]?.actor);
  });

  it('refuses what is not a chain at all', () => {
    for (const bad of [null, 'x', 3, [], { fourEyes: true }, { steps: 'a', fourEyes: true }]) {
      assert.deepEqual(problemsOf(bad).map((p) => p.code), ['chain_invalid']);
    }
  });

  it('refuses more than 10 steps', () => {
    const steps = Array.from({ length: 11 }, (_, i) => validStep({ key: `s${i}` }));
    const problems = problemsOf({ steps, fourEyes: true, publishDeadline: null });
    assert.deepEqual(problems.map((p) => p.code), ['chain_too_many_steps']);
    assert.match(problems[0]?.vi ?? '', /tối đa 10 bước; hiện có 11 bước/);
    assert.ok('chain' in parseChain({ steps: steps.slice(0, 10), fourEyes: true, publishDeadline: null }));
  });

  it('reports every problem of every step at once, naming the step', () => {
    const problems = problemsOf({
      steps: [
        validStep(),
        validStep({ name: 'Xác thực', actor: { kind: 'role', role: 'chief' }, kind: 'check' }),
        validStep({ key: 'Bad Key', name: '   ', actor: { kind: 'role', role: 'publisher' }, deadline: { amount: 1.5, unit: 'hours' } }),
        validStep({ key: 'x', actor: { kind: 'boss' } }),
        'not a step',
      ],
      fourEyes: 'yes',
      publishDeadline: { amount: -1, unit: 'working_days' },
    });
    assert.deepEqual(
      problems.map((p) => [p.code, p.field]),
      [
        ['chain_step_key_duplicate', 'steps.1.key'],
        ['chain_step_role_invalid', 'steps.1.actor'],
        ['chain_step_kind_invalid', 'steps.1.kind'],
        ['chain_step_key_invalid', 'steps.2.key'],
        ['chain_step_name_required', 'steps.2.name'],
        ['chain_step_role_cannot_review', 'steps.2.actor'],
        ['chain_step_deadline_invalid', 'steps.2.deadline'],
        ['chain_step_actor_invalid', 'steps.3.actor'],
        ['chain_step_invalid', 'steps.4'],
        ['chain_four_eyes_invalid', 'fourEyes'],
        ['chain_publish_deadline_invalid', 'publishDeadline'],
      ],
    );
    assert.match(problems[1]?.vi ?? '', /^Bước 2 «Xác thực»: vai trò không tồn tại/);
    assert.match(problems[4]?.vi ?? '', /^Bước 3: hãy nhập tên bước/);
    assert.match(problems[8]?.en ?? '', /^Step 5: malformed/);
  });

  it('accepts a unit-head step and every deadline unit', () => {
    for (const unit of ['working_hours', 'working_days', 'calendar_days']) {
      const chain = chainOf({ steps: [validStep({ actor: { kind: 'unit_head' }, deadline: { amount: 3, unit } })], fourEyes: true, publishDeadline: { amount: 0, unit } });
      assert.deepEqual(chain.steps[0]?.actor, { kind: 'unit_head' });
    }
  });
});

describe('a step’s stand-in role', () => {
  it('is kept when it may review, dropped when empty, refused otherwise', () => {
    assert.equal(chainOf({ steps: [validStep({ actor: { kind: 'unit_head' }, fallback: 'secretariat' })], fourEyes: true }).steps[0]?.fallback, 'secretariat');
    assert.equal('fallback' in (chainOf({ steps: [validStep({ fallback: '' })], fourEyes: true }).steps[0] ?? {}), false);
    assert.deepEqual(problemsOf({ steps: [validStep({ fallback: 'publisher' })], fourEyes: true }).map((p) => [p.code, p.field]), [['chain_step_fallback_invalid', 'steps.0.fallback']]);
    assert.deepEqual(problemsOf({ steps: [validStep({ fallback: 'boss' })], fourEyes: true }).map((p) => p.code), ['chain_step_fallback_invalid']);
  });

  it('makes a step without holders completable', () => {
    const chain = chainOf({ steps: [validStep({ actor: { kind: 'unit_head' }, fallback: 'secretariat' })], fourEyes: true });
    assert.deepEqual(checkChainCompletable(chain, { role: allHolders(1), unitHeads: 0, publishers: 1 }), []);
    assert.deepEqual(checkChainCompletable(chain, { role: { ...allHolders(1), secretariat: 0 }, unitHeads: 0, publishers: 1 }).map((p) => p.code), ['chain_step_no_unit_head']);
  });
});

const allHolders = (n: number) => Object.fromEntries(ROLES.map((r) => [r, n])) as Record<Role, number>;

describe('checkChainCompletable', () => {
  const labels: Partial<Record<Role, string>> = { deputy: 'Phó Trưởng ban', editor_in_chief: 'Trưởng ban' };
  const roleName = (role: Role, lang: 'vi' | 'en') => (lang === 'vi' ? labels[role] ?? role : `role ${role}`);

  it('passes every preset when every role is staffed', () => {
    for (const key of Object.keys(PRESET_CHAINS) as PresetKey[]) {
      assert.deepEqual(checkChainCompletable(PRESET_CHAINS[key], { role: allHolders(1), unitHeads: 3, publishers: 1 }), [], key);
    }
  });

  it('names the step and the missing role, in the site’s own words', () => {
    const problems = checkChainCompletable(PRESET_CHAINS.nhuxuan, { role: { ...allHolders(2), deputy: 0 }, unitHeads: 4, publishers: 1 }, roleName);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.code, 'chain_step_unstaffed');
    assert.equal(problems[0]?.field, 'steps.2.actor');
    assert.match(problems[0]?.vi ?? '', /^Bước 3 «Xác thực thông tin»: trang chưa có ai giữ vai trò Phó Trưởng ban\./);
    assert.match(problems[0]?.en ?? '', /^Step 3 “Verify the information”: nobody on this site holds the role role deputy\./);
  });

  it('lists every blocking step, a missing unit head and a missing publisher together', () => {
    const problems = checkChainCompletable(PRESET_CHAINS.nhuxuan, { role: allHolders(0), unitHeads: 0, publishers: 0 }, roleName);
    assert.deepEqual(problems.map((p) => p.code), ['chain_step_no_unit_head', 'chain_step_unstaffed', 'chain_step_unstaffed', 'chain_step_unstaffed', 'chain_no_publisher']);
    assert.match(problems[0]?.vi ?? '', /^Bước 1 «Lãnh đạo đơn vị duyệt/);
    assert.match(problems[3]?.vi ?? '', /Trưởng ban\./);
  });

  it('an empty chain needs only a publisher', () => {
    const empty: ReviewChain = { steps: [], fourEyes: true, publishDeadline: null };
    assert.deepEqual(checkChainCompletable(empty, { role: allHolders(0), unitHeads: 0, publishers: 1 }), []);
    assert.deepEqual(checkChainCompletable(empty, { role: allHolders(0), unitHeads: 0, publishers: 0 }).map((p) => p.code), ['chain_no_publisher']);
  });
});

describe('preset chains', () => {
  it('follow the seeds’ steps and actors', () => {
    const shape = (c: ReviewChain) => c.steps.map((s) => `${s.actor.kind === 'role' ? s.actor.role : 'unit_head'}:${s.kind}`);
    assert.deepEqual(shape(PRESET_CHAINS.konray), ['board_member:edit', 'secretariat:verify']);
    assert.deepEqual(shape(PRESET_CHAINS.thanhchuong), ['board_member:edit', 'editor_in_chief:approve']);
    assert.deepEqual(shape(PRESET_CHAINS['vpubnd-kontum']), ['unit_head:verify', 'board_member:edit']);
    assert.deepEqual(shape(PRESET_CHAINS.nhuxuan), ['unit_head:approve', 'secretariat:edit', 'deputy:verify', 'editor_in_chief:approve']);
    assert.deepEqual(shape(PRESET_CHAINS['sxd-kontum']), ['unit_head:approve', 'board_member:edit', 'editor_in_chief:approve']);
    assert.deepEqual(shape(DEFAULT_CHAIN), ['secretariat:edit', 'editor_in_chief:approve']);
    assert.equal(DEFAULT_CHAIN.fourEyes, true);
  });

  it('carry the seeds’ deadlines', () => {
    assert.deepEqual(PRESET_CHAINS.thanhchuong.steps[1]?.deadline, { amount: 3, unit: 'calendar_days' });
    // 003: the chain and publication share the 8 working hours of news (Đ10.2a), with room to write.
    const n = PRESET_CHAINS.nhuxuan;
    const hours = n.steps.reduce((sum, s) => sum + (s.deadline?.unit === 'working_hours' ? s.deadline.amount : 99), 0) + (n.publishDeadline?.amount ?? 99);
    assert.ok(hours <= 8, `nhuxuan budget ${hours} h`);
    assert.deepEqual(n.steps[1]?.deadline, { amount: 2, unit: 'working_hours' });
  });

  it('are frozen, so no caller can change a preset for every site', () => {
    assert.throws(() => {
      (PRESET_CHAINS.konray.steps as unknown[]).push({});
    }, TypeError);
    assert.throws(() => {
      (DEFAULT_CHAIN as { fourEyes: boolean }).fourEyes = false;
    }, TypeError);
  });
});
