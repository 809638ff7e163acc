// Citizens' voice (requirements §4): questions and answers, feedback and
// petitions on administrative regulations, information requests under the
// Access to Information Law and claims that published information is wrong —
// one register of cases (citizen_cases) with one intake, one routing and one
// answer chain — and drafts open for comment (consultations) with their comments.
//
// Personal data (name, e-mail, phone, address, identity number) lives only in
// the columns named requester_* / name, email, organisation of comments; the
// retention job blanks them and stamps personal_data_erased_at.
import type { Kysely } from 'kysely';
import { withId } from './helpers.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('citizen_cases'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    // question | petition | info_request | correction_claim
    .addColumn('kind', 'text', (c) => c.notNull())
    // Given to the requester; looks up the status without any personal data.
    .addColumn('tracking_code', 'text', (c) => c.notNull())
    // received | assigned | in_progress | in_review | approved | answered | refused | forwarded | merged
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('field', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    // Kind-specific fields as JSON (information wanted, form of delivery, reason, the item concerned…).
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('requester_name', 'text')
    .addColumn('requester_email', 'text')
    .addColumn('requester_phone', 'text')
    .addColumn('requester_address', 'text')
    .addColumn('requester_id_number', 'text')
    .addColumn('requester_organisation', 'text')
    .addColumn('consent_publish', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('channel', 'text', (c) => c.notNull().defaultTo('online')) // online | direct | post | api
    // Routing: the unit that answers, when it must, and when it recorded receipt (004 Đ8.3: the same day).
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('assigned_at', 'text')
    .addColumn('assigned_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('receipt_due_at', 'text')
    .addColumn('receipt_recorded_at', 'text')
    .addColumn('receipt_recorded_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('due_at', 'text')
    // Information requests: simple (answer in 3 working days) or complex (notice in 3, answer in 15, +15 once).
    .addColumn('complexity', 'text')
    .addColumn('notice_due_at', 'text')
    .addColumn('notice_sent_at', 'text')
    .addColumn('extended_at', 'text')
    .addColumn('extension_reason', 'text')
    // The answer and its approval round (the workflow engine's item fields).
    .addColumn('answer', 'text')
    .addColumn('answer_author_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('review_state', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('step_index', 'integer')
    .addColumn('step_entered_at', 'text')
    .addColumn('step_due_at', 'text')
    .addColumn('assignee_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('approvals', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('chain', 'text')
    .addColumn('answered_at', 'text')
    // Publication: the question as published (personal data removed by the board) and when.
    .addColumn('public_title', 'text')
    .addColumn('public_body', 'text')
    .addColumn('published_at', 'text')
    .addColumn('unpublished_at', 'text')
    // How a case ended when it was not answered: refused (with reason), forwarded (to whom), merged (into which).
    .addColumn('outcome_reason', 'text')
    .addColumn('forwarded_to', 'text')
    .addColumn('merged_into_id', 'integer')
    .addColumn('closed_at', 'text')
    // A correction claim's item concerned, and the correction that upheld it.
    .addColumn('article_id', 'integer', (c) => c.references('articles.id'))
    .addColumn('correction_id', 'integer')
    .addColumn('personal_data_erased_at', 'text')
    .addColumn('lock_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('citizen_cases_tracking_uq', ['site_id', 'tracking_code'])
    .execute();
  await db.schema.createIndex('citizen_cases_site_status_idx').on('citizen_cases').columns(['site_id', 'kind', 'status']).execute();
  await db.schema.createIndex('citizen_cases_site_unit_idx').on('citizen_cases').columns(['site_id', 'unit_id', 'status']).execute();
  await db.schema.createIndex('citizen_cases_site_created_idx').on('citizen_cases').columns(['site_id', 'created_at']).execute();
  await db.schema.createIndex('citizen_cases_site_published_idx').on('citizen_cases').columns(['site_id', 'kind', 'published_at']).execute();
  await db.schema.createIndex('citizen_cases_email_idx').on('citizen_cases').columns(['site_id', 'requester_email', 'created_at']).execute();

  // Attachments of a case: bytes in the file store, never in the public media library.
  await withId(db, db.schema.createTable('citizen_case_files'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('citizen_cases.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('ext', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    // 'request': sent by the requester; 'answer': delivered with the answer (information requested, documents).
    .addColumn('part', 'text', (c) => c.notNull().defaultTo('request'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('citizen_case_files_case_idx').on('citizen_case_files').columns(['site_id', 'case_id']).execute();

  // What happened to a case, in order: receipt, classification, assignment, answer steps, outcome.
  await withId(db, db.schema.createTable('citizen_case_events'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('citizen_cases.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('note', 'text')
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('on_behalf_of_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('citizen_case_events_case_idx').on('citizen_case_events').columns(['site_id', 'case_id', 'id']).execute();

  // Drafts open for comment (lấy ý kiến dự thảo).
  await withId(db, db.schema.createTable('consultations'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('doc_type', 'text')
    .addColumn('drafting_agency', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    // Sanitised HTML of the full text, when given beside (or instead of) the files.
    .addColumn('body', 'text')
    // The parts a comment may be tied to, one per line as the board wrote them ("Điều 1", "Chương II"…), JSON.
    .addColumn('parts', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('attachment_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('contact', 'text', (c) => c.notNull())
    // Vietnamese calendar dates; comments are taken from the start of opens_on to the end of closes_on.
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    // draft | published | concluded (results published); open/closed follow from the dates.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('published_at', 'text')
    .addColumn('results_summary', 'text')
    .addColumn('concluded_at', 'text')
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('lock_version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addUniqueConstraint('consultations_site_slug_uq', ['site_id', 'slug'])
    .execute();
  await db.schema.createIndex('consultations_site_dates_idx').on('consultations').columns(['site_id', 'status', 'closes_on']).execute();

  await withId(db, db.schema.createTable('consultation_comments'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('consultation_id', 'integer', (c) => c.notNull().references('consultations.id'))
    .addColumn('part', 'text')
    .addColumn('name', 'text')
    .addColumn('email', 'text')
    .addColumn('organisation', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    // pending | approved | rejected: nothing appears before moderation.
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('moderated_by_user_id', 'integer', (c) => c.references('users.id'))
    .addColumn('moderated_at', 'text')
    .addColumn('moderation_note', 'text')
    // The drafting agency's response: accepted (tiếp thu) or explained (giải trình).
    .addColumn('response_kind', 'text')
    .addColumn('response', 'text')
    .addColumn('personal_data_erased_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('consultation_comments_idx').on('consultation_comments').columns(['site_id', 'consultation_id', 'status']).execute();
  await db.schema.createIndex('consultation_comments_email_idx').on('consultation_comments').columns(['site_id', 'email', 'created_at']).execute();

  // "Chuyên mục về tiếp cận thông tin": the list of information the agency must disclose (Law 104/2016 Art. 17, 19).
  await withId(db, db.schema.createTable('disclosure_items'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    // Where it is published: a path on this site or another address.
    .addColumn('url', 'text')
    .addColumn('note', 'text')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('disclosure_items_site_idx').on('disclosure_items').columns(['site_id', 'sort_order']).execute();

  // Contact messages get the same retention as other personal data.
  await db.schema.alterTable('contact_messages').addColumn('personal_data_erased_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('contact_messages').dropColumn('personal_data_erased_at').execute();
  for (const table of ['disclosure_items', 'consultation_comments', 'consultations', 'citizen_case_events', 'citizen_case_files', 'citizen_cases']) {
    await db.schema.dropTable(table).execute();
  }
}
