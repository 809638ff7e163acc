// Môi trường (000 Đ7.2.4): resource and environment plans, sources of waste
// harmful to health, seriously polluted areas and areas at risk of incidents.
import type { SectionKind } from '../declaration.ts';

const topic = (value: string, vi: string, en: string) => ({ value, label: { vi, en } });

export const environment: SectionKind = {
  key: 'environment',
  label: { vi: 'Thông tin môi trường', en: 'Environmental information' },
  plural: { vi: 'Tài nguyên và môi trường', en: 'Natural resources and environment' },
  description: { vi: 'Quy hoạch, kế hoạch về tài nguyên, môi trường; nguồn thải, chất thải nguy hại; khu vực ô nhiễm và khu vực có nguy cơ sự cố môi trường.', en: 'Resource and environment plans; sources of hazardous waste; polluted areas and areas at risk of incidents.' },
  path: 'moi-truong',
  summary: true,
  body: true,
  attachments: true,
  fields: [
    {
      key: 'topic', type: 'choice', label: { vi: 'Nội dung', en: 'Topic' }, required: true, filter: true, list: true,
      choices: [
        topic('plan', 'Quy hoạch, kế hoạch tài nguyên và môi trường', 'Resource and environment plans'),
        topic('waste_source', 'Nguồn thải, chất thải có nguy cơ gây hại', 'Sources of harmful waste'),
        topic('polluted_area', 'Khu vực ô nhiễm, suy thoái nghiêm trọng', 'Seriously polluted or degraded areas'),
        topic('incident_risk', 'Khu vực có nguy cơ xảy ra sự cố môi trường', 'Areas at risk of environmental incidents'),
        topic('monitoring', 'Kết quả quan trắc môi trường', 'Monitoring results'),
        topic('other', 'Thông tin khác', 'Other'),
      ],
    },
    { key: 'location', type: 'text', label: { vi: 'Địa điểm, khu vực', en: 'Location' }, filter: true, list: true, maxLength: 300 },
    { key: 'date', type: 'date', label: { vi: 'Ngày thông tin', en: 'Date' }, required: true, filter: true, sort: true, list: true },
    { key: 'responsible', type: 'text', label: { vi: 'Cơ quan, tổ chức liên quan', en: 'Body concerned' }, maxLength: 300 },
    { key: 'documents', type: 'documents', label: { vi: 'Văn bản liên quan', en: 'Related documents' } },
    { key: 'pictures', type: 'pictures', label: { vi: 'Hình ảnh', en: 'Pictures' }, maxItems: 20 },
    { key: 'files', type: 'files', label: { vi: 'Tệp', en: 'Files' } },
  ],
  defaultSort: { field: 'date', direction: 'desc' },
  levels: ['province', 'department', 'district'],
  sources: ['000 Đ7.2.4', 'Luật 104/2016/QH13 Đ17(1)'],
};
