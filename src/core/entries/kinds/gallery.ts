// Thư viện ảnh, video (issue 16; information on the site takes the forms of text, sound,
// images and video, 000 Đ3): an album of one event — its photos, each
// with a description for blind readers and a caption, and its videos (MP4
// H.264 or WebM from the library) with a poster, a title, a description and
// WebVTT captions (WCAG 1.2.2). Its public pages are a grid of albums and a
// grid of figures (modules/entries/gallery), not the generic list.
import type { KindRuleInput, SectionKind } from '../declaration.ts';
import { kindProblem, type KindProblem } from './rule-helpers.ts';

export const GALLERY = 'gallery';

function count(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

function galleryRules({ values, complete }: KindRuleInput): KindProblem[] {
  if (!complete) return [];
  const photos = count(values.pictures);
  const videos = count(values.videos);
  if (photos + videos === 0) return [kindProblem('gallery_empty', 'pictures', 'Thư viện cần ít nhất một ảnh hoặc một video trước khi gửi duyệt.', 'A gallery needs at least one photo or video before it is submitted.')];
  if (values.galleryType === 'photo' && photos === 0) return [kindProblem('gallery_no_photo', 'pictures', 'Thư viện ảnh cần ít nhất một ảnh (hoặc chọn loại “Ảnh và video”).', 'A photo gallery needs at least one photo (or choose “Photos and videos”).')];
  if (values.galleryType === 'video' && videos === 0) return [kindProblem('gallery_no_video', 'videos', 'Thư viện video cần ít nhất một video (hoặc chọn loại “Ảnh và video”).', 'A video gallery needs at least one video (or choose “Photos and videos”).')];
  return [];
}

export const gallery: SectionKind = {
  key: GALLERY,
  label: { vi: 'Thư viện ảnh, video', en: 'Photo and video gallery' },
  plural: { vi: 'Thư viện ảnh, video', en: 'Photos and videos' },
  description: { vi: 'Ảnh và video về các sự kiện, hoạt động của cơ quan và địa phương, kèm chú thích và phụ đề.', en: 'Photos and videos of the agency’s and the area’s events, with captions and subtitles.' },
  path: 'thu-vien-anh-video',
  titleLabel: { vi: 'Tên album', en: 'Album title' },
  summary: true,
  body: false,
  attachments: false,
  fields: [
    {
      key: 'galleryType', type: 'choice', label: { vi: 'Loại thư viện', en: 'Kind of gallery' }, required: true, filter: true, list: true,
      choices: [
        { value: 'photo', label: { vi: 'Ảnh', en: 'Photos' } },
        { value: 'video', label: { vi: 'Video', en: 'Videos' } },
        { value: 'mixed', label: { vi: 'Ảnh và video', en: 'Photos and videos' } },
      ],
    },
    { key: 'eventDate', type: 'date', label: { vi: 'Ngày diễn ra sự kiện', en: 'Date of the event' }, filter: true, sort: true, list: true },
    { key: 'description', type: 'longtext', label: { vi: 'Mô tả', en: 'Description' }, maxLength: 5000 },
    {
      key: 'pictures', type: 'pictures', label: { vi: 'Ảnh', en: 'Photos' }, maxItems: 100,
      hint: { vi: 'Mỗi ảnh cần mô tả (văn bản thay thế) cho người khiếm thị; chú thích hiện dưới ảnh.', en: 'Each photo needs a description (alt text) for blind readers; the caption shows under it.' },
    },
    {
      key: 'videos', type: 'rows', label: { vi: 'Video', en: 'Videos' }, maxItems: 20,
      hint: { vi: 'Tải video (MP4 H.264 hoặc WebM) và phụ đề WebVTT (.vtt) lên Thư viện tệp trước, rồi chọn ở đây.', en: 'Upload the video (MP4 H.264 or WebM) and its WebVTT captions (.vtt) to the media library first, then choose them here.' },
      fields: [
        { key: 'title', type: 'text', label: { vi: 'Tiêu đề video', en: 'Title' }, required: true, maxLength: 300 },
        { key: 'video', type: 'file', accept: 'video', label: { vi: 'Tệp video', en: 'Video file' }, required: true },
        { key: 'poster', type: 'file', accept: 'image', label: { vi: 'Ảnh đại diện', en: 'Poster picture' } },
        { key: 'subtitles', type: 'file', accept: 'subtitle', label: { vi: 'Phụ đề (.vtt)', en: 'Captions (.vtt)' } },
        { key: 'duration', type: 'text', label: { vi: 'Thời lượng', en: 'Duration' }, maxLength: 20 },
        { key: 'description', type: 'longtext', label: { vi: 'Mô tả video', en: 'Description' }, maxLength: 2000 },
      ],
    },
  ],
  defaultSort: { field: 'published', direction: 'desc' },
  rules: galleryRules,
  view: 'gallery',
  sources: ['000 Đ3', 'WCAG 2.1 1.1.1, 1.2.2'],
};
