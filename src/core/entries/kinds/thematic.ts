// Bài viết, nghiên cứu chuyên đề (003 Đ8.10): written by the units' own staff,
// or translated from foreign material — "phải cung cấp kèm theo đầy đủ nguồn
// tài liệu gốc". A translation names its original language and translator.
import type { KindRuleInput, SectionKind } from '../declaration.ts';
import { kindProblem, type KindProblem } from './rule-helpers.ts';

function thematicRules({ values, complete }: KindRuleInput): KindProblem[] {
  if (!complete || values.origin !== 'translation') return [];
  const problems: KindProblem[] = [];
  if (!values.originalLanguage) problems.push(kindProblem('language_required', 'originalLanguage', 'Bài dịch cần ghi ngôn ngữ của tài liệu gốc.', 'A translation names the original language.'));
  if (!values.translator) problems.push(kindProblem('translator_required', 'translator', 'Bài dịch cần ghi người dịch.', 'A translation names its translator.'));
  return problems;
}

export const thematic: SectionKind = {
  key: 'thematic',
  label: { vi: 'Bài chuyên đề', en: 'Thematic article' },
  plural: { vi: 'Nghiên cứu, trao đổi chuyên đề', en: 'Thematic articles and translations' },
  description: { vi: 'Bài viết, nghiên cứu chuyên đề về quản lý, điều hành, chuyên môn, nghiệp vụ; bài dịch kèm đầy đủ nguồn tài liệu gốc.', en: 'Articles and studies on management and professional matters; translations with their full original source.' },
  path: 'chuyen-de',
  summary: true,
  body: true,
  attachments: true,
  fields: [
    { key: 'topic', type: 'text', label: { vi: 'Chuyên đề, lĩnh vực', en: 'Topic' }, required: true, filter: true, list: true, maxLength: 200 },
    {
      key: 'origin', type: 'choice', label: { vi: 'Loại bài', en: 'Kind of article' }, required: true, filter: true, list: true,
      choices: [
        { value: 'original', label: { vi: 'Bài viết, nghiên cứu', en: 'Original article' } },
        { value: 'translation', label: { vi: 'Bài dịch, biên dịch', en: 'Translation' } },
      ],
    },
    { key: 'source', type: 'text', label: { vi: 'Nguồn tài liệu', en: 'Source' }, hint: { vi: 'Bài dịch ghi đầy đủ nguồn tài liệu gốc (tác giả, tên, nơi và năm xuất bản).', en: 'A translation gives its full original source.' }, required: true, maxLength: 1000 },
    { key: 'sourceLink', type: 'link', label: { vi: 'Liên kết tài liệu gốc', en: 'Link to the original' } },
    { key: 'originalLanguage', type: 'text', label: { vi: 'Ngôn ngữ gốc', en: 'Original language' }, maxLength: 60 },
    { key: 'translator', type: 'text', label: { vi: 'Người dịch', en: 'Translator' }, maxLength: 200 },
  ],
  defaultSort: { field: 'published', direction: 'desc' },
  rules: thematicRules,
  sources: ['003 Đ8.10'],
};
