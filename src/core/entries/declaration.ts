// A section kind (loại chuyên mục: lịch công tác, thông báo, dự án, danh bạ…)
// is declared, not programmed: its fields, which are required, filtered,
// sorted, listed, exported and searched, its labels and its public address.
// Everything else (form, validation, revisions, chain, public pages, open
// data) is derived from the declaration by generic code. Pure types.

export type Bilingual = { vi: string; en: string };

/** The field types a declaration may use, and what a value of each looks like (values.ts). */
export const FIELD_TYPES = [
  'text', // string, one line
  'longtext', // string, several lines, no markup
  'richtext', // sanitised HTML
  'date', // 'yyyy-mm-dd' (Vietnamese calendar day)
  'daterange', // { from: 'yyyy-mm-dd', to: 'yyyy-mm-dd' | null }
  'datetime', // ISO instant (UTC), entered in Vietnam time
  'time', // 'HH:MM'
  'money', // whole VND (integer ≥ 0)
  'number', // finite number
  'choice', // one of `choices`' values
  'choices', // several of `choices`' values
  'file', // media id (any file of the site's library)
  'files', // media ids
  'picture', // { mediaId, alt, caption } — an image of the site's library with its description
  'pictures', // array of the above
  'link', // http(s) URL
  'phone', // digits, spaces, + . ( ) -
  'email', // an e-mail address
  'documents', // ids of published-or-not documents (articles of kind 'document') of the same site
  'units', // ids of units of the same site
  'people', // ids of users who are members of the same site
  'entries', // ids of entries of the same site (of `entryKind` when given)
  'articles', // ids of news and articles (not pages, documents or entries) of the same site; always indexed, so an article finds what groups it
  'rows', // array of records of the sub-fields `fields` (a table: a day's schedule, progress updates)
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface ChoiceOption {
  value: string;
  label: Bilingual;
}

export interface FieldDecl {
  /** JSON key and form name suffix (`f.<key>`); lower camel case. */
  key: string;
  type: FieldType;
  label: Bilingual;
  /** A short help text under the field. */
  hint?: Bilingual;
  /** Needed before submission and publication (a draft may be saved without it). */
  required?: boolean;
  /** Offered as a filter on the public list (choice, choices, date, daterange, units, number, money, text). */
  filter?: boolean;
  /** Offered as a sort order on the public list (date, datetime, daterange, number, money, text, choice). */
  sort?: boolean;
  /** A column of the public list and of the back-office list. */
  list?: boolean;
  /** A column of the CSV and JSON open data (default: every field except richtext and rows). */
  export?: boolean;
  /** Its text is indexed for search (default: text, longtext, richtext, choice). */
  search?: boolean;
  /** Only in the back office: never on public pages, feeds or open data (e.g. an internal note). */
  internal?: boolean;
  /** For 'choice' and 'choices'. */
  choices?: ChoiceOption[];
  /** For 'rows': the columns of each row (no nested rows). */
  fields?: FieldDecl[];
  /** For 'file' and 'files': what the library items must be (a gallery's video, its poster, its captions; a 'document' is PDF, office, ODF or a scanned image). */
  accept?: 'image' | 'video' | 'subtitle' | 'document';
  /** For 'entries': the kind the related entries must be of. */
  entryKind?: string;
  /** For text types: most characters (default 500 for text, 5,000 for longtext, 200,000 for richtext). */
  maxLength?: number;
  /** For 'rows', 'files', 'pictures' and relations: most items (default 200 rows, 20 files, 50 relations). */
  maxItems?: number;
  /** For number and money: bounds. */
  min?: number;
  max?: number;
}

/** Which kinds a site of a level starts with enabled (a site changes this in /admin/entry-kinds). */
export type SiteLevelName = 'province' | 'department' | 'district' | 'commune' | 'office' | string;

/** What a kind-specific rule sees: the values, and today's date in Vietnam. */
export interface KindRuleInput {
  title: string;
  values: Record<string, unknown>;
  today: string;
  /** True when the item is checked for submission or publication, false for a draft save. */
  complete: boolean;
}

export interface SectionKind {
  /** Stable key, stored on every entry (articles.entry_kind); lower snake case. */
  key: string;
  label: Bilingual;
  /** The plural, for list titles and menus ("Thông báo", "Dự án đầu tư"). */
  plural: Bilingual;
  /** One sentence that says what the section holds (list page intro, admin). */
  description: Bilingual;
  /** Public address segment: /<path> lists, /<path>/<slug> shows one. */
  path: string;
  /** What the title field is called for this kind ("Tên dự án", "Họ và tên"). */
  titleLabel?: Bilingual;
  /** Whether entries have a summary (sapo) and a rich-text body besides their fields. */
  summary?: boolean;
  body?: boolean;
  /** Whether entries may carry attachments (the article's attachment list). */
  attachments?: boolean;
  fields: FieldDecl[];
  /** Default order of the public list: a sortable field key, or 'published' (newest first). */
  defaultSort: { field: string | 'published' | 'title'; direction: 'asc' | 'desc' };
  /** Levels whose sites have the kind enabled unless they say otherwise; omitted: every level. */
  levels?: SiteLevelName[];
  /**
   * A validity period: the field (a daterange) after whose end the entry leaves the home page and
   * the "current" list but stays in the archive — or, with `expired: 'withdraw'`, leaves every
   * public page (its page, lists, search, sitemap, feeds, open data) and is not shown before it
   * starts either. `homeBlock: false` keeps it out of the home page's generic block of current entries.
   */
  validity?: { field: string; expired?: 'archive' | 'withdraw'; homeBlock?: boolean };
  /** Rules of its own, beyond each field's (a week's days within the week…); vi/en problems. */
  rules?: (input: KindRuleInput) => { code: string; field?: string; vi: string; en: string }[];
  /** The title offered for a new entry from its values ("Lịch công tác tuần 49 (từ 30/11 đến 06/12/2026)"). */
  titleSuggestion?: (values: Record<string, unknown>) => string | null;
  /** A view of its own beside the list, where its shape demands one (a week, a tree). */
  view?: 'week' | 'tree' | 'directory' | 'gallery';
  /** Decree/regulation articles it answers, shown in the admin list of kinds. */
  sources?: string[];
}
