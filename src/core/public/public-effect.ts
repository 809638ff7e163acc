// Which audited actions can change what an anonymous reader sees. Every change
// is audited in its own transaction, so the audit entry is where the public
// content version of a site moves on (modules/public/content-version.ts): a
// new action is public by default — a page served stale is the failure that
// matters (a correction or a take-down the public does not see), a page
// rendered again for nothing costs a few milliseconds.

/** Families whose actions never show on a public page. */
const PRIVATE_FAMILIES = new Set(['audit', 'auth', 'user', 'token', 'delegation', 'member', 'screening', 'contact', 'personal_data', 'test', 'report', 'royalty', 'budget']);

/** Actions of public families that change nothing public: drafts, review steps, exports, private links. */
const PRIVATE_ACTIONS = new Set([
  // The working copy and its review; what is live changes only by publication, correction or take-down.
  'article.create', 'article.import', 'article.save', 'article.provision', 'article.restore_revision', 'article.submit', 'article.approve',
  'article.return', 'article.reject', 'article.withdraw', 'article.reassign', 'article.schedule', 'article.preview_link',
  // A citizen's case before its answer is published.
  'citizen_case.receive', 'citizen_case.receipt', 'citizen_case.answer_save', 'citizen_case.answer_file_add',
  'citizen_case.answer_file_remove', 'citizen_case.complexity', 'citizen_case.notice', 'citizen_case.extend',
  'citizen_case.forward', 'citizen_case.refuse', 'citizen_case.submit', 'citizen_case.approve', 'citizen_case.return',
  'citizen_case.reject', 'citizen_case.withdraw', 'citizen_case.reassign', 'citizen_case.claim_article',
  // Not 'citizen_case.send': the board may publish the answer as it sends it (answer-workflow sendAnswer).
  'consultation.export',
  // Which sections carry which required information group: read by the board's completeness page only.
  'completeness.map_sections',
]);

export function changesPublicPages(action: string): boolean {
  const family = action.split('.', 1)[0]!;
  return !PRIVATE_FAMILIES.has(family) && !PRIVATE_ACTIONS.has(action);
}
