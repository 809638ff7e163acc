// The ordered list of migrations. Add new files at the end; never edit a shipped one.
import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_articles.ts';
import * as m0003 from './0003_public_site.ts';
import * as m0004 from './0004_lookup_indexes.ts';
import * as m0005 from './0005_documents_procedures.ts';
import * as m0006 from './0006_citizens_voice.ts';
import * as m0007 from './0007_content_versions.ts';
import * as m0008 from './0008_public_answer.ts';
import * as m0009 from './0009_audit_keyed_chain.ts';
import * as m0010 from './0010_closed_sites.ts';
import * as m0011 from './0011_monthly_ratings.ts';
import * as m0012 from './0012_provision_fields.ts';
import * as m0013 from './0013_provision_index.ts';
import * as m0014 from './0014_review_times.ts';
import * as m0015 from './0015_usage_completeness.ts';
import * as m0016 from './0016_reports.ts';
import * as m0017 from './0017_entries.ts';
import * as m0018 from './0018_disclosure_fields.ts';
import * as m0019 from './0019_unit_profile.ts';
import * as m0020 from './0020_royalties.ts';
import * as m0022 from './0022_royalty_shares.ts';
import * as m0023 from './0023_polls.ts';
import * as m0024 from './0024_forum.ts';
import * as m0025 from './0025_article_speech.ts';
import * as m0026 from './0026_private_media.ts';
import * as m0027 from './0027_cluster.ts';
import * as m0028 from './0028_rate_limit_counters.ts';
import * as m0030 from './0030_maintenance_windows.ts';
import * as m0031 from './0031_user_identities.ts';
import * as m0032 from './0032_content_change_scopes.ts';
import * as m0033 from './0033_deep_pages.ts';
import * as m0034 from './0034_published_translations.ts';

export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_articles': m0002,
  '0003_public_site': m0003,
  '0004_lookup_indexes': m0004,
  '0005_documents_procedures': m0005,
  '0006_citizens_voice': m0006,
  '0007_content_versions': m0007,
  '0008_public_answer': m0008,
  '0009_audit_keyed_chain': m0009,
  '0010_closed_sites': m0010,
  '0011_monthly_ratings': m0011,
  '0012_provision_fields': m0012,
  '0013_provision_index': m0013,
  '0014_review_times': m0014,
  '0015_usage_completeness': m0015,
  '0016_reports': m0016,
  '0017_entries': m0017,
  '0018_disclosure_fields': m0018,
  '0019_unit_profile': m0019,
  '0020_royalties': m0020,
  '0022_royalty_shares': m0022,
  '0023_polls': m0023,
  '0024_forum': m0024,
  '0025_article_speech': m0025,
  '0026_private_media': m0026,
  '0027_cluster': m0027,
  '0028_rate_limit_counters': m0028,
  '0030_maintenance_windows': m0030,
  '0031_user_identities': m0031,
  '0032_content_change_scopes': m0032,
  '0033_deep_pages': m0033,
  '0034_published_translations': m0034,
};
