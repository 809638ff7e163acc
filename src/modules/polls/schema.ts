// Row types of the poll tables (migration 0023), added to the database's type
// from here so the capability keeps its tables beside its code.
import type { Generated, Selectable } from 'kysely';
import type { Flag } from '../../platform/db/schema.ts';

export interface PollsTable {
  id: Generated<number>;
  site_id: number;
  question: string;
  question_en: string | null;
  description: string | null;
  multiple: Flag;
  max_choices: number;
  opens_at: string;
  closes_at: string;
  results_before_close: Flag;
  /** draft | open | closed */
  status: string;
  closed_at: string | null;
  ballots: Generated<number>;
  created_by_user_id: number | null;
  updated_by_user_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface PollOptionsTable {
  id: Generated<number>;
  site_id: number;
  poll_id: number;
  position: number;
  label: string;
  label_en: string | null;
  votes: Generated<number>;
}

/** A keyed hash of poll and ballot id: nothing else (ADR 22). */
export interface PollBallotsTable {
  site_id: number;
  poll_id: number;
  ballot_hash: string;
}

declare module '../../platform/db/schema.ts' {
  interface Database {
    polls: PollsTable;
    poll_options: PollOptionsTable;
    poll_ballots: PollBallotsTable;
  }
}

export type PollRow = Selectable<PollsTable>;
export type PollOptionRow = Selectable<PollOptionsTable>;
