// Row types of every table, as Kysely sees them. Times are ISO-8601 UTC text,
// calendar dates are 'YYYY-MM-DD' text, booleans are 0/1 integers and JSON is
// text: the same representation on SQLite and PostgreSQL, so queries and
// comparisons behave identically on both engines.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Id = Generated<number>;
/** 0 or 1; written as a number on both engines. */
export type Flag = ColumnType<number, number | undefined, number>;
/** JSON kept as text. */
export type JsonText = string;

export interface SitesTable {
  id: Id;
  key: string;
  name: string;
  name_en: string | null;
  agency_name: string;
  agency_name_en: string | null;
  level: string;
  parent_site_id: number | null;
  languages: JsonText;
  labels: JsonText;
  contact: JsonText;
  settings: JsonText;
  status: string;
  merged_into_site_id: number | null;
  status_changed_at: string | null;
  status_notice: string | null;
  redirect_mode: string;
  is_default: Flag;
  created_at: string;
  updated_at: string;
}

export interface SiteHostsTable {
  id: Id;
  site_id: number;
  host: string;
  is_primary: Flag;
  created_at: string;
}

/** Dated rules (deadlines, quotas, chains, royalty tables): site_id null = national baseline. */
export interface RulesTable {
  id: Id;
  site_id: number | null;
  key: string;
  value: JsonText;
  effective_from: string;
  effective_to: string | null;
  citation: string | null;
  note: string | null;
  created_by_user_id: number | null;
  created_at: string;
}

export interface UnitsTable {
  id: Id;
  site_id: number;
  parent_id: number | null;
  name: string;
  name_en: string | null;
  kind: string;
  head_user_id: number | null;
  head_name: string | null;
  head_title: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  /** Functions and powers (chức năng, nhiệm vụ), plain text; 0019. */
  functions: string | null;
  /** The unit's own site, http(s); 0019. */
  site_url: string | null;
  sort_order: number;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: Id;
  email: string;
  name: string;
  name_folded: string;
  phone: string | null;
  password_hash: string | null;
  is_platform_admin: Flag;
  status: Generated<string>;
  must_change_password: Flag;
  totp_secret_enc: string | null;
  totp_enabled_at: string | null;
  totp_last_step: number | null;
  failed_login_count: Generated<number>;
  locked_until: string | null;
  last_login_at: string | null;
  password_changed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  id: Id;
  site_id: number;
  user_id: number;
  unit_id: number | null;
  position: string | null;
  status: string;
  created_at: string;
  updated_at: string;
}

export interface MembershipRolesTable {
  site_id: number;
  user_id: number;
  role: string;
  granted_by_user_id: number | null;
  granted_at: string;
}

export interface DelegationsTable {
  id: Id;
  site_id: number;
  from_user_id: number;
  to_user_id: number;
  /** JSON array of roles; ignored when all_roles = 1. */
  roles: JsonText;
  all_roles: Flag;
  starts_on: string;
  ends_on: string;
  reason: string;
  created_by_user_id: number;
  created_at: string;
  revoked_at: string | null;
  revoked_by_user_id: number | null;
  revoke_reason: string | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a database leak does not leak live sessions. */
  id: string;
  user_id: number;
  site_id: number;
  /** 'active', or a step still owed before the session is usable: 'mfa', 'enroll_mfa', 'change_password'. */
  stage: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
  revoked_at: string | null;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: number;
  site_id: number;
  requested_by_user_id: number | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ApiTokensTable {
  id: Id;
  site_id: number;
  user_id: number;
  name: string;
  token_hash: string;
  token_prefix: string;
  scopes: JsonText;
  created_by_user_id: number;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Id;
  site_id: number;
  seq: number;
  created_at: string;
  actor_user_id: number | null;
  on_behalf_of_user_id: number | null;
  actor_label: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: JsonText;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
  /** The audit key that signed the row (HMAC); 0 for rows from before the chain was keyed (plain SHA-256). */
  key_version: number;
}

export interface AuditHeadsTable {
  site_id: number;
  last_seq: number;
  last_hash: string;
  updated_at: string;
}

/** Moves on with every change an anonymous reader could see (modules/public/content-version.ts). */
export interface SiteContentVersionsTable {
  site_id: number;
  version: number;
  changed_at: string;
  /** Sections with content when last checked (null: not known since an unscoped change). Migration 0032. */
  chrome_sig: ColumnType<string | null, string | null | undefined, string | null>;
}

/** What each public content version changed (migration 0032, ADR 33): tags or "*"; kept a day. */
export interface SiteContentChangesTable {
  site_id: number;
  version: number;
  scope: string;
  changed_at: string;
}

export interface SectionsTable {
  id: Id;
  site_id: number;
  parent_id: number | null;
  slug: string;
  name: string;
  name_en: string | null;
  description: string | null;
  is_reference: Flag;
  sort_order: Generated<number>;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MediaTable {
  id: Id;
  site_id: number;
  sha256: string;
  kind: string;
  mime: string;
  ext: string;
  size: number;
  width: number | null;
  height: number | null;
  original_name: string;
  alt: string | null;
  caption: string | null;
  open_format: Flag;
  /** 1: served only to signed-in members of the site (an internal field's file, "Tài liệu nội bộ"). */
  private: Flag;
  /** JSON [{ width, sha256, size }] of WebP variants. */
  variants: Generated<JsonText>;
  created_by_user_id: number | null;
  created_at: string;
  deleted_at: string | null;
}

export interface ArticlesTable {
  id: Id;
  site_id: number;
  kind: string;
  title: string;
  /** Lower-case, without diacritics: the back office filters on it. */
  title_folded: string;
  summary: Generated<string>;
  body_html: Generated<string>;
  cover_media_id: number | null;
  cover_caption: string | null;
  cover_alt: string | null;
  section_id: number | null;
  tags: Generated<JsonText>;
  source: string | null;
  author_name: string | null;
  reader_contribution: Flag;
  unit_id: number | null;
  event_at: string | null;
  language: Generated<string>;
  translation_of_id: number | null;
  is_reference: Flag;
  related_ids: Generated<JsonText>;
  attachment_ids: Generated<JsonText>;
  slug: string;
  screening_hits: Generated<JsonText>;
  review_state: Generated<string>;
  step_index: number | null;
  step_entered_at: string | null;
  step_due_at: string | null;
  assignee_user_id: number | null;
  approvals: Generated<JsonText>;
  /** JSON snapshot of the review chain this round follows. */
  chain: JsonText | null;
  publication: Generated<string>;
  publish_at: string | null;
  unpublish_at: string | null;
  has_pending_changes: Flag;
  urgent_pending_approval: Flag;
  urgent_published_by: number | null;
  live_revision_id: number | null;
  first_published_at: string | null;
  last_published_at: string | null;
  takedown_reason_code: string | null;
  takedown_reason: string | null;
  takedown_notice: Flag;
  taken_down_at: string | null;
  schedule_alerted_at: string | null;
  /** JSON DocumentDetails of a kind 'document' working copy (src/core/documents), or the field values of a kind 'entry' one (src/core/entries). */
  details: JsonText | null;
  /** Folded number + issuer of a document: how a pushed document is found again. */
  document_key: string | null;
  author_user_id: number;
  /** When the board received the item (arrival or e-mail receipt); null: its first submission. */
  received_at: string | null;
  /** 'system' | 'email' | 'paper' | 'phone'. */
  received_via: string | null;
  /** Which provision deadline applies (core/provision); null: none. */
  provision_category: string | null;
  /** The board member who vouched for the item. */
  vouched_by_user_id: number | null;
  /** The declared section kind of a kind 'entry' article (core/entries); null for every other kind. */
  entry_kind: Generated<string | null>;
  lock_version: Generated<number>;
  deleted_at: string | null;
  deleted_by_user_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface ArticleRevisionsTable {
  id: Id;
  site_id: number;
  article_id: number;
  number: number;
  kind: string;
  snapshot: JsonText;
  note: string | null;
  created_by_user_id: number | null;
  created_at: string;
}

export interface ArticleCorrectionsTable {
  id: Id;
  site_id: number;
  article_id: number;
  revision_id: number | null;
  note: string;
  published_by_user_id: number | null;
  published_at: string;
}

export interface ArticleSlugsTable {
  site_id: number;
  slug: string;
  article_id: number;
  created_at: string;
}

export interface WorkflowEventsTable {
  id: Id;
  site_id: number;
  item_type: string;
  item_id: number;
  action: string;
  from_review: string | null;
  to_review: string | null;
  from_publication: string | null;
  to_publication: string | null;
  from_step: number | null;
  to_step: number | null;
  step_name: string | null;
  note: string | null;
  revision_id: number | null;
  actor_user_id: number | null;
  on_behalf_of_user_id: number | null;
  created_at: string;
}

/** One stay of an item at a step of its review chain (0014), written when it leaves the step. */
export interface ReviewStepTimesTable {
  id: Id;
  site_id: number;
  item_type: string;
  item_id: number;
  step_index: number;
  step_key: string;
  step_name: string;
  step_kind: string;
  entered_at: string;
  left_at: string;
  due_at: string | null;
  working_minutes: number;
  overdue: Generated<number>;
  late_minutes: Generated<number>;
  left_by: string;
  actor_user_id: number | null;
  on_behalf_of_user_id: number | null;
}

/** A reminder or escalation sent about one step round, once (0014). */
export interface ReviewStepAlertsTable {
  id: Id;
  site_id: number;
  item_type: string;
  item_id: number;
  step_index: number;
  step_entered_at: string;
  kind: string;
  level: number;
  target: string;
  recipients: Generated<number>;
  mailed_to: string | null;
  due_at: string | null;
  sent_at: string;
}

export interface NotificationsTable {
  id: Id;
  site_id: number;
  user_id: number;
  kind: string;
  item_type: string | null;
  item_id: number | null;
  title: string;
  body: Generated<string>;
  link: string | null;
  created_at: string;
  read_at: string | null;
}

export interface ScreeningRulesTable {
  id: Id;
  site_id: number;
  kind: string;
  pattern: string;
  note: string | null;
  created_by_user_id: number | null;
  created_at: string;
}

export interface JobRunsTable {
  key: string;
  ran_at: string;
}

/** Timed work held by one node at a time (ADR 0026). */
export interface JobLeasesTable {
  name: string;
  holder: string;
  expires_at: string;
}

export interface SearchDocumentsTable {
  id: Id;
  site_id: number;
  item_type: string;
  item_id: number;
  language: string;
  section_id: number | null;
  kind: string;
  url: string;
  title: string;
  summary: string;
  body_text: string;
  title_lc: string;
  text_lc: string;
  folded_title: string;
  folded_body: string;
  published_at: string;
  cover_media_id: number | null;
  is_reference: Generated<number>;
  /** The original this published article translates (its live revision's), null otherwise. */
  translation_of_id: number | null;
}

export interface PublishedTagsTable {
  site_id: number;
  tag_slug: string;
  tag: string;
  item_type: string;
  item_id: number;
  published_at: string;
}

export interface ContactMessagesTable {
  id: Id;
  site_id: number;
  name: string;
  email: string | null;
  phone: string | null;
  subject: string;
  message: string;
  status: Generated<string>;
  handled_by_user_id: number | null;
  handled_at: string | null;
  created_at: string;
  personal_data_erased_at: string | null;
}

export interface SiteVisitsTable {
  site_id: number;
  date: string;
  count: number;
}

/** "Was this useful?" counts of one item in one month (migration 0011); nothing about the raters. */
export interface RatingCountsTable {
  site_id: number;
  /** "2026-11", in Vietnam time. */
  month: string;
  item_type: string;
  item_id: number;
  /** The item as it was when last rated in the month, for the report. */
  kind: string;
  section_id: number | null;
  title: string;
  url: string;
  useful: Generated<number>;
  not_useful: Generated<number>;
}

/** One version of a board report of a period (migration 0016); figures frozen on approval. */
export interface ReportsTable {
  id: Generated<number>;
  site_id: number;
  kind: string;
  period_key: string;
  version: number;
  state: string;
  number: string;
  subject: string;
  place: string;
  recipients: string;
  signer_title: string;
  signer_name: string | null;
  assessment: string;
  proposals: string;
  reissue_reason: string | null;
  figures: string | null;
  prepared_by_user_id: number | null;
  approved_by_user_id: number | null;
  approved_at: string | null;
  created_at: string;
  updated_at: string;
}

/** A published document, as the public library filters it (copied from its live revision). */
export interface LegalDocumentsTable {
  article_id: number;
  site_id: number;
  slug: string;
  language: string;
  number: string;
  number_folded: string;
  doc_type: string;
  issuer: string;
  issuer_folded: string;
  level: string;
  signer: string | null;
  signer_folded: string | null;
  title: string;
  title_folded: string;
  issued_on: string;
  effective_on: string | null;
  expires_on: string | null;
  status_override: string | null;
  replaced_on: string | null;
  partly_repealed_on: string | null;
  published_at: string;
  attachment_ids: Generated<JsonText>;
}

/** What the public list of a declared section filters and sorts on: one row per value (migration 0017). */
export interface EntryFieldsTable {
  site_id: number;
  article_id: number;
  entry_kind: string;
  field: string;
  value: string | null;
  folded: string | null;
  number: number | null;
  date: string | null;
  date_end: string | null;
}

export interface LegalDocumentFieldsTable {
  site_id: number;
  article_id: number;
  field: string;
}

export interface LegalDocumentRelationsTable {
  site_id: number;
  from_article_id: number;
  relation: string;
  to_article_id: number;
}

export interface DownloadCountsTable {
  site_id: number;
  media_id: number;
  count: Generated<number>;
}

export interface ProceduresTable {
  id: Id;
  site_id: number;
  code: string;
  name: string;
  name_folded: string;
  slug: string;
  level: string;
  field: string;
  agency: string;
  /** JSON ProcedureDetails (src/core/procedures). */
  details: JsonText;
  status: Generated<string>;
  published_at: string | null;
  lock_version: Generated<number>;
  created_by_user_id: number | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  deleted_by_user_id: number | null;
}

export interface ProcedureRevisionsTable {
  id: Id;
  site_id: number;
  procedure_id: number;
  number: number;
  snapshot: JsonText;
  note: string | null;
  created_by_user_id: number | null;
  created_at: string;
}

// ---- Citizens' voice (migration 0006) ----

export interface CitizenCasesTable {
  id: Id;
  site_id: number;
  kind: string;
  tracking_code: string;
  status: string;
  field: string | null;
  title: string;
  body: string;
  details: Generated<string>;
  requester_name: string | null;
  requester_email: string | null;
  requester_phone: string | null;
  requester_address: string | null;
  requester_id_number: string | null;
  requester_organisation: string | null;
  consent_publish: Generated<number>;
  channel: Generated<string>;
  unit_id: number | null;
  assigned_at: string | null;
  assigned_by_user_id: number | null;
  receipt_due_at: string | null;
  receipt_recorded_at: string | null;
  receipt_recorded_by_user_id: number | null;
  due_at: string | null;
  complexity: string | null;
  notice_due_at: string | null;
  notice_sent_at: string | null;
  extended_at: string | null;
  extension_reason: string | null;
  answer: string | null;
  answer_author_user_id: number | null;
  review_state: Generated<string>;
  step_index: number | null;
  step_entered_at: string | null;
  step_due_at: string | null;
  assignee_user_id: number | null;
  approvals: Generated<string>;
  chain: string | null;
  answered_at: string | null;
  public_title: string | null;
  public_body: string | null;
  /** The answer as published: the board removes personal data from it as from the question. */
  public_answer: string | null;
  published_at: string | null;
  unpublished_at: string | null;
  outcome_reason: string | null;
  forwarded_to: string | null;
  merged_into_id: number | null;
  closed_at: string | null;
  article_id: number | null;
  correction_id: number | null;
  personal_data_erased_at: string | null;
  /** The site the case was sent to, when a site that stopped operating handed it over (migration 0007). */
  received_site_id: number | null;
  lock_version: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface CitizenCaseFilesTable {
  id: Id;
  site_id: number;
  case_id: number;
  sha256: string;
  mime: string;
  ext: string;
  size: number;
  original_name: string;
  /** 'request' (sent with the case) or 'answer' (delivered with the answer, e.g. the information requested). */
  part: Generated<string>;
  created_at: string;
}

export interface CitizenCaseEventsTable {
  id: Id;
  site_id: number;
  case_id: number;
  action: string;
  from_status: string | null;
  to_status: string | null;
  note: string | null;
  actor_user_id: number | null;
  on_behalf_of_user_id: number | null;
  created_at: string;
}

export interface ConsultationsTable {
  id: Id;
  site_id: number;
  slug: string;
  title: string;
  doc_type: string | null;
  drafting_agency: string;
  summary: string;
  body: string | null;
  parts: Generated<string>;
  attachment_ids: Generated<string>;
  contact: string;
  opens_on: string;
  closes_on: string;
  status: Generated<string>;
  published_at: string | null;
  results_summary: string | null;
  concluded_at: string | null;
  created_by_user_id: number | null;
  lock_version: Generated<number>;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ConsultationCommentsTable {
  id: Id;
  site_id: number;
  consultation_id: number;
  part: string | null;
  name: string | null;
  email: string | null;
  organisation: string | null;
  body: string;
  status: Generated<string>;
  moderated_by_user_id: number | null;
  moderated_at: string | null;
  moderation_note: string | null;
  response_kind: string | null;
  response: string | null;
  personal_data_erased_at: string | null;
  created_at: string;
}

export interface DisclosureItemsTable {
  id: Id;
  site_id: number;
  category: string;
  title: string;
  url: string | null;
  note: string | null;
  sort_order: Generated<number>;
  updated_at: string;
  /** Decree 13/2018 Art. 6 (migration 0018): số, ký hiệu; ngày (yyyy-mm-dd); hình thức; thời điểm (yyyy-mm-dd) và thời hạn công khai. */
  doc_number: string | null;
  doc_date: string | null;
  form: string | null;
  disclosed_on: string | null;
  duration: string | null;
}

/** Page views of one item (or kind of page) on one Vietnamese day (migration 0015); nothing about the visitor. */
export interface UsageDailyTable {
  site_id: number;
  day: string;
  item_type: string;
  item_id: number;
  section_id: number | null;
  views: Generated<number>;
}

/** Site searches of one folded query on one day; nothing about who searched. */
export interface SearchDailyTable {
  site_id: number;
  day: string;
  query_folded: string;
  query_display: string;
  searches: Generated<number>;
  results_zero: Generated<number>;
}

/** Downloads of one file on one day. */
export interface DownloadDailyTable {
  site_id: number;
  day: string;
  file_kind: string;
  file_id: number;
  downloads: Generated<number>;
}

/** Which sections carry a group of required information, as a site chose (JSON array of ids). */
export interface CompletenessMappingsTable {
  site_id: number;
  group_key: string;
  section_ids: string;
  updated_at: string;
}

/** A person paid royalties or remuneration on a site (modules/royalties). */
export interface RoyaltyPayeesTable {
  id: Generated<number>;
  site_id: number;
  user_id: number | null;
  full_name: string;
  pen_names: string;
  unit_id: number | null;
  position: string | null;
  note: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface RoyaltyAssessmentsTable {
  id: Generated<number>;
  site_id: number;
  article_id: number;
  version: number;
  published_on: string;
  period: string;
  genre_key: string;
  genre_label: string;
  coefficient_x100: number;
  percent: number;
  unit_value: number;
  gross: number;
  cap: number | null;
  amount: number;
  quality_note: string | null;
  policy_rule_id: number | null;
  policy: string;
  reader_contribution: number;
  over_budget: number;
  reason: string | null;
  assessed_by_user_id: number | null;
  /** JSON [{payeeId, role, bp}] (0022). */
  shares: Generated<string>;
  /** JSON [{kind, payeeId, amount}] (0022). */
  remuneration: Generated<string>;
  created_at: string;
  updated_at: string;
}

export interface RoyaltyLinesTable {
  id: Generated<number>;
  site_id: number;
  period: string;
  payee_id: number;
  unit_id: number | null;
  kind: string;
  assessment_id: number | null;
  article_id: number | null;
  description: string;
  role: string | null;
  share_bp: number | null;
  amount: number;
  budget_line: string;
  corrects_line_id: number | null;
  due_on: string | null;
  voided_at: string | null;
  paid_on: string | null;
  paid_ref: string | null;
  paid_by_user_id: number | null;
  created_by_user_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface RoyaltyPeriodsTable {
  id: Generated<number>;
  site_id: number;
  period: string;
  closed_at: string;
  closed_by_user_id: number | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface RoyaltyBoardTermsTable {
  id: Generated<number>;
  site_id: number;
  payee_id: number;
  position: string;
  from_on: string;
  to_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface BudgetLinesTable {
  id: Generated<number>;
  site_id: number;
  year: number;
  line: string;
  approved: number;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface BudgetMovementsTable {
  id: Generated<number>;
  site_id: number;
  kind: string;
  line: string;
  on_date: string;
  amount: number;
  description: string;
  created_by_user_id: number | null;
  created_at: string;
  updated_at: string;
}

/** The forum (migration 0024): the site's setting, categories, topics, posts, readers' reports. */
export interface ForumSettingsTable {
  site_id: number;
  enabled: number;
  moderation: string;
  updated_at: string;
}

export interface ForumCategoriesTable {
  id: Id;
  site_id: number;
  slug: string;
  name: string;
  description: Generated<string>;
  sort_order: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ForumTopicsTable {
  id: Id;
  site_id: number;
  category_id: number;
  title: string;
  status: string;
  locked: Generated<number>;
  pinned: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ForumPostsTable {
  id: Id;
  site_id: number;
  topic_id: number;
  is_first: number;
  body: string;
  status: string;
  held_for: Generated<string>;
  author_name: string;
  author_email: string | null;
  author_phone: string | null;
  by_board: Generated<number>;
  official_user_id: number | null;
  moderated_by_user_id: number | null;
  moderated_at: string | null;
  moderation_reason: string | null;
  published_at: string | null;
  personal_data_erased_at: string | null;
  created_at: string;
}

export interface ForumReportsTable {
  id: Id;
  site_id: number;
  post_id: number;
  reason: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by_user_id: number | null;
}

export interface Database {
  sites: SitesTable;
  site_hosts: SiteHostsTable;
  rules: RulesTable;
  units: UnitsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  membership_roles: MembershipRolesTable;
  delegations: DelegationsTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  audit_heads: AuditHeadsTable;
  site_content_versions: SiteContentVersionsTable;
  site_content_changes: SiteContentChangesTable;
  sections: SectionsTable;
  media: MediaTable;
  articles: ArticlesTable;
  article_revisions: ArticleRevisionsTable;
  article_corrections: ArticleCorrectionsTable;
  article_slugs: ArticleSlugsTable;
  workflow_events: WorkflowEventsTable;
  review_step_times: ReviewStepTimesTable;
  review_step_alerts: ReviewStepAlertsTable;
  notifications: NotificationsTable;
  screening_rules: ScreeningRulesTable;
  job_runs: JobRunsTable;
  search_documents: SearchDocumentsTable;
  contact_messages: ContactMessagesTable;
  site_visits: SiteVisitsTable;
  rating_counts: RatingCountsTable;
  reports: ReportsTable;
  published_tags: PublishedTagsTable;
  legal_documents: LegalDocumentsTable;
  legal_document_fields: LegalDocumentFieldsTable;
  entry_fields: EntryFieldsTable;
  legal_document_relations: LegalDocumentRelationsTable;
  download_counts: DownloadCountsTable;
  procedures: ProceduresTable;
  procedure_revisions: ProcedureRevisionsTable;
  citizen_cases: CitizenCasesTable;
  citizen_case_files: CitizenCaseFilesTable;
  citizen_case_events: CitizenCaseEventsTable;
  consultations: ConsultationsTable;
  consultation_comments: ConsultationCommentsTable;
  disclosure_items: DisclosureItemsTable;
  usage_daily: UsageDailyTable;
  search_daily: SearchDailyTable;
  download_daily: DownloadDailyTable;
  completeness_mappings: CompletenessMappingsTable;
  royalty_payees: RoyaltyPayeesTable;
  royalty_assessments: RoyaltyAssessmentsTable;
  royalty_lines: RoyaltyLinesTable;
  royalty_periods: RoyaltyPeriodsTable;
  royalty_board_terms: RoyaltyBoardTermsTable;
  budget_lines: BudgetLinesTable;
  budget_movements: BudgetMovementsTable;
  forum_settings: ForumSettingsTable;
  forum_categories: ForumCategoriesTable;
  forum_topics: ForumTopicsTable;
  forum_posts: ForumPostsTable;
  forum_reports: ForumReportsTable;
  article_speech: ArticleSpeechTable;
  maintenance_windows: MaintenanceWindowsTable;
  maintenance_window_sites: MaintenanceWindowSitesTable;
  rate_limit_counters: RateLimitCountersTable;
  job_leases: JobLeasesTable;
  user_identities: UserIdentitiesTable;
}

export type SiteRow = Selectable<SitesTable>;
export type NewSite = Insertable<SitesTable>;
export type SiteUpdate = Updateable<SitesTable>;
export type UnitRow = Selectable<UnitsTable>;
export type UserRow = Selectable<UsersTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type DelegationRow = Selectable<DelegationsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type RuleRow = Selectable<RulesTable>;
export type ArticleRow = Selectable<ArticlesTable>;
export type ReportRow = Selectable<ReportsTable>;
export type RoyaltyPayeeRow = Selectable<RoyaltyPayeesTable>;
export type RoyaltyAssessmentRow = Selectable<RoyaltyAssessmentsTable>;
export type RoyaltyLineRow = Selectable<RoyaltyLinesTable>;
export type BudgetLineRow = Selectable<BudgetLinesTable>;
export type BudgetMovementRow = Selectable<BudgetMovementsTable>;
export type LegalDocumentRow = Selectable<LegalDocumentsTable>;
export type ProcedureRow = Selectable<ProceduresTable>;
export type CitizenCaseRow = Selectable<CitizenCasesTable>;
export type CitizenCaseFileRow = Selectable<CitizenCaseFilesTable>;
export type CitizenCaseEventRow = Selectable<CitizenCaseEventsTable>;
export type ConsultationRow = Selectable<ConsultationsTable>;
export type ConsultationCommentRow = Selectable<ConsultationCommentsTable>;
export type DisclosureItemRow = Selectable<DisclosureItemsTable>;
export type ArticleRevisionRow = Selectable<ArticleRevisionsTable>;
export type SectionRow = Selectable<SectionsTable>;
export type MediaRow = Selectable<MediaTable>;
export type NotificationRow = Selectable<NotificationsTable>;
export type WorkflowEventRow = Selectable<WorkflowEventsTable>;
export type ForumCategoryRow = Selectable<ForumCategoriesTable>;
export type ForumTopicRow = Selectable<ForumTopicsTable>;
export type ForumPostRow = Selectable<ForumPostsTable>;
export type ForumReportRow = Selectable<ForumReportsTable>;

/** Speech of a published revision (listening to an article, migration 0025). */
export interface ArticleSpeechTable {
  id: Id;
  site_id: number;
  article_id: number;
  revision_id: number;
  status: 'pending' | 'ready' | 'failed' | 'skipped';
  language: string;
  voice: string | null;
  file_sha256: string | null;
  bytes: number | null;
  duration_ms: number | null;
  text_chars: number | null;
  attempts: Generated<number>;
  error: string | null;
  next_attempt_at: string | null;
  lease_until: string | null;
  ready_at: string | null;
  created_at: string;
  updated_at: string;
}

/** Planned maintenance windows (migration 0030, ADR 0030). */
export interface MaintenanceWindowsTable {
  id: Id;
  all_sites: number;
  starts_at: string;
  ends_at: string;
  reason: string;
  reason_en: string | null;
  published_at: string;
  cancelled_at: string | null;
  ended_flushed_at: string | null;
  created_by_user_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface MaintenanceWindowSitesTable {
  window_id: number;
  site_id: number;
}
export type MaintenanceWindowRow = Selectable<MaintenanceWindowsTable>;
/** Counters of rate limits shared by every node (migration 0028, ADR 0027); the key is an HMAC, never an address. */
export interface RateLimitCountersTable {
  key: string;
  count: number;
  /** Milliseconds since the epoch. */
  expires_at: number;
}

/** Single sign-on links (migration 0031, ADR 31): an account's subject at the shared login. */
export interface UserIdentitiesTable {
  id: Id;
  user_id: number;
  /** oidc | ldap */
  provider: string;
  subject: string;
  email: string;
  created_at: string;
  last_used_at: string;
}
