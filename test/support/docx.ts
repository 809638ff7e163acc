// Builds real, minimal .docx files (Office Open XML) for tests: the parts
// Word itself writes for such a document, standard markup only, so mammoth,
// LibreOffice and Word all open it.
//
//   await makeDocx({ blocks: [
//     { kind: 'title', text: 'Hội nghị tổng kết' },
//     { kind: 'heading', level: 1, text: 'Kết quả' },
//     { kind: 'paragraph', content: 'Đoạn văn.' },
//     { kind: 'paragraph', content: { text: encodeLegacy('Đoạn TCVN3', 'tcvn3'), font: '.VnTime' } },
//     { kind: 'bullets', items: ['Một', 'Hai'] },
//     { kind: 'table', rows: [['A', 'B'], ['C', 'D']] },
//     { kind: 'image', data: makePng(4, 3), alt: 'Ảnh hội nghị', caption: 'Hình 1. Hội nghị' },
//   ] });
import { crc32, deflateSync } from 'node:zlib';
import JSZip from 'jszip';

export interface DocxText {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** e.g. ".VnTime" (TCVN3) or "VNI-Times", as legacy documents set it. */
  font?: string;
}

/** One paragraph: plain text, one formatted run, or several runs. */
export type DocxParagraph = string | DocxText | DocxText[];

export type DocxBlock =
  | { kind: 'title'; text: string }
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; content: DocxParagraph }
  | { kind: 'bullets'; items: DocxParagraph[] }
  | { kind: 'numbered'; items: DocxParagraph[] }
  /** The first row is marked as a header row (repeated on each page) when headerRow is set. */
  | { kind: 'table'; rows: DocxParagraph[][]; headerRow?: boolean }
  /**
   * `alt` is Word's "Alt Text" (docPr descr), `title` the older "Title" box
   * (docPr title); `caption` adds Word's caption paragraph (Insert Caption)
   * right below the picture.
   */
  | { kind: 'image'; data: Buffer; alt?: string; title?: string; caption?: string; extension?: string; contentType?: string }
  /** Raw WordprocessingML for the body, for cases the others do not cover. */
  | { kind: 'xml'; xml: string };

export interface DocxSpec {
  /** Shorthands, laid out in this order before `blocks`: title, headings, paragraphs. */
  title?: string;
  headings?: { level: 1 | 2 | 3; text: string }[];
  paragraphs?: DocxParagraph[];
  blocks?: DocxBlock[];
}

const NS = {
  w: 'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  wp: 'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  pic: 'http://schemas.openxmlformats.org/drawingml/2006/picture',
  rels: 'http://schemas.openxmlformats.org/package/2006/relationships',
  types: 'http://schemas.openxmlformats.org/package/2006/content-types',
};
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const EMU_PER_PIXEL = 9525; // at 96 dpi
const BULLET_NUM_ID = 1;
const DECIMAL_NUM_ID = 2;

interface Media {
  relId: string;
  path: string; // inside word/
  data: Buffer;
  extension: string;
  contentType: string;
}

export async function makeDocx(spec: DocxSpec): Promise<Buffer> {
  const media: Media[] = [];
  const body = blocksOf(spec).map((block) => blockXml(block, media));
  if (spec.blocks?.at(-1)?.kind === 'table') body.push('<w:p/>'); // Word ends a body with a paragraph
  const zip = new JSZip();
  // No directory entries: Word never writes them into a package.
  const add = (name: string, data: string | Buffer): void => void zip.file(name, data, { createFolders: false });
  add('[Content_Types].xml', contentTypesXml(media));
  add('_rels/.rels', packageRelsXml());
  add('word/document.xml', documentXml(body.join('')));
  add('word/styles.xml', STYLES_XML);
  add('word/numbering.xml', NUMBERING_XML);
  add('word/_rels/document.xml.rels', documentRelsXml(media));
  for (const m of media) add(`word/${m.path}`, m.data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

function blocksOf(spec: DocxSpec): DocxBlock[] {
  return [
    ...(spec.title === undefined ? [] : [{ kind: 'title' as const, text: spec.title }]),
    ...(spec.headings ?? []).map((h) => ({ kind: 'heading' as const, ...h })),
    ...(spec.paragraphs ?? []).map((content) => ({ kind: 'paragraph' as const, content })),
    ...(spec.blocks ?? []),
  ];
}

// ---- body ------------------------------------------------------------------

function blockXml(block: DocxBlock, media: Media[]): string {
  switch (block.kind) {
    case 'title':
      return paragraphXml(block.text, '<w:pStyle w:val="Title"/>');
    case 'heading':
      return paragraphXml(block.text, `<w:pStyle w:val="Heading${block.level}"/>`);
    case 'paragraph':
      return paragraphXml(block.content);
    case 'bullets':
      return block.items.map((item) => listItemXml(item, BULLET_NUM_ID)).join('');
    case 'numbered':
      return block.items.map((item) => listItemXml(item, DECIMAL_NUM_ID)).join('');
    case 'table':
      return tableXml(block.rows, block.headerRow === true);
    case 'image':
      return paragraphXml([], '', imageRunXml(block, media)) + (block.caption === undefined ? '' : paragraphXml(block.caption, '<w:pStyle w:val="Caption"/>'));
    case 'xml':
      return block.xml;
  }
}

function paragraphXml(content: DocxParagraph, pPr = '', extraRuns = ''): string {
  const runs = (typeof content === 'string' ? [{ text: content }] : Array.isArray(content) ? content : [content]).map(runXml);
  return `<w:p>${pPr === '' ? '' : `<w:pPr>${pPr}</w:pPr>`}${runs.join('')}${extraRuns}</w:p>`;
}

function runXml(run: DocxText): string {
  const props =
    (run.font === undefined ? '' : `<w:rFonts w:ascii="${attr(run.font)}" w:hAnsi="${attr(run.font)}" w:cs="${attr(run.font)}"/>`) +
    (run.bold === true ? '<w:b/><w:bCs/>' : '') +
    (run.italic === true ? '<w:i/><w:iCs/>' : '') +
    (run.underline === true ? '<w:u w:val="single"/>' : '');
  return `<w:r>${props === '' ? '' : `<w:rPr>${props}</w:rPr>`}<w:t xml:space="preserve">${text(run.text)}</w:t></w:r>`;
}

function listItemXml(item: DocxParagraph, numId: number): string {
  return paragraphXml(
    item,
    `<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="${numId}"/></w:numPr>`,
  );
}

const TABLE_WIDTH = 9000; // twentieths of a point, about 16 cm

function tableXml(rows: DocxParagraph[][], headerRow: boolean): string {
  const columns = Math.max(1, ...rows.map((r) => r.length));
  const width = Math.floor(TABLE_WIDTH / columns);
  const grid = `<w:tblGrid>${`<w:gridCol w:w="${width}"/>`.repeat(columns)}</w:tblGrid>`;
  const rowXml = (row: DocxParagraph[], index: number): string => {
    const trPr = headerRow && index === 0 ? '<w:trPr><w:tblHeader/></w:trPr>' : '';
    const cells = Array.from({ length: columns }, (_, i) => {
      return `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/></w:tcPr>${paragraphXml(row[i] ?? '')}</w:tc>`;
    });
    return `<w:tr>${trPr}${cells.join('')}</w:tr>`;
  };
  const tblPr =
    '<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/>' +
    '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>';
  return `<w:tbl>${tblPr}${grid}${rows.map(rowXml).join('')}</w:tbl>`;
}

function imageRunXml(block: Extract<DocxBlock, { kind: 'image' }>, media: Media[]): string {
  const n = media.length + 1;
  const extension = block.extension ?? 'png';
  const item: Media = {
    relId: `rIdImage${n}`,
    path: `media/image${n}.${extension}`,
    data: block.data,
    extension,
    contentType: block.contentType ?? 'image/png',
  };
  media.push(item);
  const { width, height } = pngSize(block.data) ?? { width: 100, height: 100 };
  const [cx, cy] = [width * EMU_PER_PIXEL, height * EMU_PER_PIXEL];
  const descr = (block.alt === undefined ? '' : ` descr="${attr(block.alt)}"`) + (block.title === undefined ? '' : ` title="${attr(block.title)}"`);
  return (
    '<w:r><w:drawing>' +
    `<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="${cx}" cy="${cy}"/>` +
    `<wp:effectExtent l="0" t="0" r="0" b="0"/><wp:docPr id="${n}" name="Picture ${n}"${descr}/>` +
    '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>' +
    `<a:graphic><a:graphicData uri="${NS.pic}"><pic:pic>` +
    `<pic:nvPicPr><pic:cNvPr id="0" name="image${n}.${extension}"${descr}/><pic:cNvPicPr/></pic:nvPicPr>` +
    `<pic:blipFill><a:blip r:embed="${item.relId}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>` +
    `<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>` +
    '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
  );
}

// ---- package parts -----------------------------------------------------------

function documentXml(body: string): string {
  return (
    XML_DECLARATION +
    `<w:document xmlns:w="${NS.w}" xmlns:r="${NS.r}" xmlns:wp="${NS.wp}" xmlns:a="${NS.a}" xmlns:pic="${NS.pic}">` +
    `<w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>` +
    '<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="709" w:footer="709" w:gutter="0"/>' +
    '</w:sectPr></w:body></w:document>'
  );
}

function contentTypesXml(media: Media[]): string {
  const images = new Map(media.map((m) => [m.extension, m.contentType]));
  const defaults = [...images].map(([ext, type]) => `<Default Extension="${attr(ext)}" ContentType="${attr(type)}"/>`);
  const main = 'application/vnd.openxmlformats-officedocument.wordprocessingml';
  return (
    XML_DECLARATION +
    `<Types xmlns="${NS.types}">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    defaults.join('') +
    `<Override PartName="/word/document.xml" ContentType="${main}.document.main+xml"/>` +
    `<Override PartName="/word/styles.xml" ContentType="${main}.styles+xml"/>` +
    `<Override PartName="/word/numbering.xml" ContentType="${main}.numbering+xml"/>` +
    '</Types>'
  );
}

function packageRelsXml(): string {
  return (
    XML_DECLARATION +
    `<Relationships xmlns="${NS.rels}">` +
    `<Relationship Id="rId1" Type="${NS.r}/officeDocument" Target="word/document.xml"/>` +
    '</Relationships>'
  );
}

function documentRelsXml(media: Media[]): string {
  const images = media.map((m) => `<Relationship Id="${m.relId}" Type="${NS.r}/image" Target="${m.path}"/>`);
  return (
    XML_DECLARATION +
    `<Relationships xmlns="${NS.rels}">` +
    `<Relationship Id="rId1" Type="${NS.r}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId2" Type="${NS.r}/numbering" Target="numbering.xml"/>` +
    images.join('') +
    '</Relationships>'
  );
}

const headingStyle = (level: 1 | 2 | 3, size: number): string =>
  `<w:style w:type="paragraph" w:styleId="Heading${level}"><w:name w:val="heading ${level}"/><w:basedOn w:val="Normal"/>` +
  `<w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/>` +
  `<w:outlineLvl w:val="${level - 1}"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:style>`;

const border = (side: string): string => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="auto"/>`;

const STYLES_XML =
  XML_DECLARATION +
  `<w:styles xmlns:w="${NS.w}">` +
  '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>' +
  '<w:sz w:val="26"/><w:szCs w:val="26"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>' +
  '<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>' +
  '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
  '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
  '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
  '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
  '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="10"/><w:qFormat/>' +
  '<w:pPr><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/><w:sz w:val="36"/><w:szCs w:val="36"/></w:rPr></w:style>' +
  headingStyle(1, 32) +
  headingStyle(2, 28) +
  headingStyle(3, 26) +
  '<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="35"/><w:unhideWhenUsed/><w:qFormat/>' +
  '<w:pPr><w:spacing w:after="200"/></w:pPr><w:rPr><w:i/><w:iCs/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>' +
  '<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:uiPriority w:val="34"/><w:qFormat/>' +
  '<w:pPr><w:ind w:left="720"/><w:contextualSpacing/></w:pPr></w:style>' +
  '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/>' +
  `<w:tblPr><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders></w:tblPr></w:style>` +
  '</w:styles>';

const listLevel = (format: 'bullet' | 'decimal', text: string): string =>
  `<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/><w:lvlJc w:val="left"/>` +
  '<w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>';

const NUMBERING_XML =
  XML_DECLARATION +
  `<w:numbering xmlns:w="${NS.w}">` +
  `<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="hybridMultilevel"/>${listLevel('bullet', '•')}</w:abstractNum>` +
  `<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="hybridMultilevel"/>${listLevel('decimal', '%1.')}</w:abstractNum>` +
  `<w:num w:numId="${BULLET_NUM_ID}"><w:abstractNumId w:val="0"/></w:num>` +
  `<w:num w:numId="${DECIMAL_NUM_ID}"><w:abstractNumId w:val="1"/></w:num>` +
  '</w:numbering>';

// ---- helpers -------------------------------------------------------------------

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;');
}

function pngSize(data: Buffer): { width: number; height: number } | null {
  const isPng = data.length >= 24 && data.readUInt32BE(0) === 0x89504e47 && data.toString('latin1', 12, 16) === 'IHDR';
  return isPng ? { width: data.readUInt32BE(16), height: data.readUInt32BE(20) } : null;
}

/** A valid RGB PNG of one colour, for image fixtures. */
export function makePng(width: number, height: number, rgb: [number, number, number] = [200, 30, 30]): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter, no interlace
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
