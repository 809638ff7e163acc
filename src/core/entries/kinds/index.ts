// Every declared section kind. Adding a section: write its declaration beside
// these (about a hundred lines) and list it here; see ARCHITECTURE.md.
import type { SectionKind } from '../declaration.ts';
import { announcement } from './announcement.ts';
import { introduction } from './introduction.ts';
import { leader } from './leader.ts';
import { official } from './official.ts';

export const DECLARED_KINDS: readonly SectionKind[] = [announcement, introduction, leader, official];
