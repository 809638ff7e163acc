// Pictures in the rich editor: a picture node that keeps its description (alt)
// and caption (<figure><figcaption>), a dialog to insert one from the media
// library or upload a new one and to describe the selected one, and the page's
// "Ảnh trong nội dung" fieldset (which works without JavaScript) kept in step
// with what the editor shows, both ways. The server sanitises everything again.
import { Node, type Editor } from '@tiptap/core';
import { NodeSelection } from '@tiptap/pm/state';

interface PictureAttrs {
  src: string;
  alt: string;
  caption: string;
  width: string | null;
  height: string | null;
}

interface LibraryPicture {
  url: string;
  thumb: string;
  name: string;
  alt: string | null;
  caption: string | null;
}

const EN = document.documentElement.lang === 'en';
const T = EN
  ? {
      insert: 'Picture',
      insertLabel: 'Insert a picture from the media library or upload one',
      describe: 'Describe picture',
      describeLabel: 'Description and caption of the selected picture',
      insertTitle: 'Insert a picture',
      describeTitle: 'Describe the picture',
      library: 'Choose a picture from the media library',
      libraryEmpty: 'The library has no picture yet.',
      more: 'More pictures',
      noAlt: '(no description)',
      missingAlt: 'Picture without a description yet',
      upload: 'Or upload a new picture from this computer',
      uploadHint: 'JPG, PNG, GIF, BMP or WebP; checked by its content, location data removed.',
      alt: 'Description (alt text)',
      altHint: 'What the picture shows, in one short sentence: blind readers hear it instead of the picture.',
      caption: 'Caption (shown below the picture, optional)',
      submitInsert: 'Insert picture',
      submitDescribe: 'Save description',
      cancel: 'Cancel',
      altRequired: 'Please enter the description of the picture.',
      chooseOne: 'Choose a picture from the library or a file to upload.',
      uploading: 'Uploading the picture…',
      failed: 'The picture could not be uploaded; check the connection and try again.',
      inserted: 'Picture inserted.',
      described: 'Description saved in the text; remember to save the article.',
      pictureN: (n: number) => `Picture ${n}`,
      altN: (n: number) => `Description of picture ${n}`,
      captionN: (n: number) => `Caption of picture ${n}`,
    }
  : {
      insert: 'Ảnh',
      insertLabel: 'Chèn ảnh từ thư viện hoặc tải ảnh lên',
      describe: 'Mô tả ảnh',
      describeLabel: 'Mô tả và chú thích của ảnh đang chọn',
      insertTitle: 'Chèn ảnh',
      describeTitle: 'Mô tả ảnh',
      library: 'Chọn ảnh trong thư viện tệp',
      libraryEmpty: 'Thư viện chưa có ảnh nào.',
      more: 'Xem thêm ảnh',
      noAlt: '(chưa có mô tả)',
      missingAlt: 'Ảnh chưa có mô tả',
      upload: 'Hoặc tải ảnh mới từ máy tính',
      uploadHint: 'JPG, PNG, GIF, BMP hoặc WebP; ảnh được kiểm tra theo nội dung và bỏ thông tin vị trí.',
      alt: 'Mô tả ảnh (văn bản thay thế)',
      altHint: 'Một câu ngắn nói ảnh thể hiện điều gì: người khiếm thị nghe mô tả này thay cho ảnh.',
      caption: 'Chú thích (hiện dưới ảnh, không bắt buộc)',
      submitInsert: 'Chèn ảnh',
      submitDescribe: 'Lưu mô tả',
      cancel: 'Hủy',
      altRequired: 'Vui lòng nhập mô tả ảnh.',
      chooseOne: 'Hãy chọn một ảnh trong thư viện hoặc một tệp ảnh để tải lên.',
      uploading: 'Đang tải ảnh lên…',
      failed: 'Chưa tải được ảnh lên; hãy kiểm tra kết nối rồi thử lại.',
      inserted: 'Đã chèn ảnh.',
      described: 'Đã ghi mô tả vào nội dung; hãy nhớ lưu tin bài.',
      pictureN: (n: number) => `Ảnh ${n}`,
      altN: (n: number) => `Mô tả ảnh ${n}`,
      captionN: (n: number) => `Chú thích ảnh ${n}`,
    };

/** An element with attributes and children; never a style attribute (the CSP forbids them). */
function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (HTMLElement | string)[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

const imgOf = (el: HTMLElement): HTMLImageElement | null => (el.tagName === 'IMG' ? (el as HTMLImageElement) : el.querySelector('img'));
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A block picture: <img>, or <figure><img><figcaption> when it has a caption. */
export const Picture = Node.create({
  name: 'image',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    const fromImg = (name: string, empty: string | null) => ({ default: empty, rendered: false, parseHTML: (el: HTMLElement) => imgOf(el)?.getAttribute(name) ?? empty });
    return {
      src: fromImg('src', null),
      alt: fromImg('alt', ''),
      width: fromImg('width', null),
      height: fromImg('height', null),
      caption: { default: '', rendered: false, parseHTML: (el: HTMLElement) => (el.tagName === 'FIGURE' ? oneLine(el.querySelector('figcaption')?.textContent ?? '') : '') },
    };
  },
  parseHTML() {
    return [{ tag: 'figure', getAttrs: (el) => (imgOf(el)?.getAttribute('src') ? null : false) }, { tag: 'img[src]' }];
  },
  renderHTML({ node }) {
    const a = node.attrs as PictureAttrs;
    const attrs: Record<string, string> = { src: a.src };
    if (a.alt) attrs.alt = a.alt;
    if (a.width) attrs.width = a.width;
    if (a.height) attrs.height = a.height;
    return a.caption ? ['figure', {}, ['img', attrs], ['figcaption', {}, a.caption]] : ['img', attrs];
  },
  // What the editor shows: a picture still without a description says so to whoever reads the
  // editor with a screen reader, and is marked for the eye; the saved HTML (renderHTML) has no alt yet.
  addNodeView() {
    return ({ node }) => {
      const dom = document.createElement('div');
      dom.className = 'picture-view';
      const render = (attrs: PictureAttrs): void => {
        const img = document.createElement('img');
        img.src = attrs.src;
        img.alt = attrs.alt || T.missingAlt;
        if (!attrs.alt) img.className = 'picture-missing-alt';
        if (attrs.width) img.setAttribute('width', attrs.width);
        if (attrs.height) img.setAttribute('height', attrs.height);
        if (!attrs.caption) return dom.replaceChildren(img);
        const figure = document.createElement('figure');
        const caption = document.createElement('figcaption');
        caption.textContent = attrs.caption;
        figure.append(img, caption);
        dom.replaceChildren(figure);
      };
      render(node.attrs as PictureAttrs);
      return {
        dom,
        update: (next) => {
          if (next.type.name !== 'image') return false;
          render(next.attrs as PictureAttrs);
          return true;
        },
      };
    };
  },
});

function picturesIn(editor: Editor): { pos: number; attrs: PictureAttrs }[] {
  const out: { pos: number; attrs: PictureAttrs }[] = [];
  editor.state.doc.descendants((node, pos) => {
    if (node.type.name === 'image') out.push({ pos, attrs: node.attrs as PictureAttrs });
  });
  return out;
}

function selectedPicture(editor: Editor): { pos: number; attrs: PictureAttrs } | null {
  const s = editor.state.selection;
  return s instanceof NodeSelection && s.node.type.name === 'image' ? { pos: s.from, attrs: s.node.attrs as PictureAttrs } : null;
}

function toolbarButton(text: string, label: string): HTMLButtonElement {
  return h('button', { type: 'button', class: 'rich-button', 'aria-label': `${text} — ${label}`, title: label }, text);
}

function field(id: string, label: string, input: HTMLElement, hint?: string): HTMLDivElement {
  const wrap = h('div', { class: 'field' }, h('label', { for: id }, label));
  if (hint) {
    wrap.append(h('p', { class: 'hint', id: `${id}-hint` }, hint));
    input.setAttribute('aria-describedby', `${id}-hint`);
  }
  wrap.append(input);
  return wrap;
}

export function mountPictureTools(editor: Editor, toolbar: HTMLElement, surface: HTMLElement, form: HTMLFormElement | null, announce: (message: string) => void): void {
  const insertButton = toolbarButton(T.insert, T.insertLabel);
  const describeButton = toolbarButton(T.describe, T.describeLabel);
  toolbar.append(insertButton, describeButton);
  const refresh = () => {
    describeButton.disabled = selectedPicture(editor) === null;
  };
  editor.on('selectionUpdate', refresh);
  editor.on('transaction', refresh);
  refresh();

  // ---- the dialog ----
  const title = h('h2', { id: 'picture-dialog-title' });
  const choices = h('ul', { class: 'picture-choices' });
  const empty = h('p', { class: 'muted', hidden: '' }, T.libraryEmpty);
  const more = h('button', { type: 'button', class: 'button button-secondary', hidden: '' }, T.more);
  const file = h('input', { type: 'file', id: 'picture-dialog-file', accept: 'image/jpeg,image/png,image/gif,image/bmp,image/webp' });
  const source = h('div', { class: 'picture-source' }, h('fieldset', {}, h('legend', {}, T.library), choices, empty, more), field('picture-dialog-file', T.upload, file, T.uploadHint));
  const alt = h('input', { type: 'text', id: 'picture-dialog-alt', maxlength: '300', required: '' });
  const caption = h('input', { type: 'text', id: 'picture-dialog-caption', maxlength: '500' });
  const problem = h('p', { class: 'error-message', role: 'alert', hidden: '' });
  const submit = h('button', { type: 'submit' });
  const cancel = h('button', { type: 'button', class: 'button button-secondary' }, T.cancel);
  const dialogForm = h('form', { method: 'dialog', class: 'picture-form', novalidate: '' }, title, source, field('picture-dialog-alt', T.alt, alt, T.altHint), field('picture-dialog-caption', T.caption, caption), problem, h('p', { class: 'actions-row' }, submit, cancel));
  const dialog = h('dialog', { class: 'picture-dialog', 'aria-labelledby': 'picture-dialog-title' }, dialogForm);
  document.body.append(dialog);

  let editing: { pos: number; attrs: PictureAttrs } | null = null;
  let chosen: LibraryPicture | null = null;
  // Whether the description fields hold what the library said (replaced when another picture is chosen).
  let fromLibrary = false;
  let page = 0;
  let pages = 1;

  const say = (message: string) => {
    problem.textContent = message;
    problem.hidden = message === '';
  };

  async function loadLibrary(): Promise<void> {
    const res = await fetch(`/admin/media/pictures?page=${page + 1}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
    if (!res.ok) return;
    const data = (await res.json()) as { items: LibraryPicture[]; page: number; pages: number };
    page = data.page;
    pages = data.pages;
    for (const item of data.items) {
      const button = h('button', { type: 'button', class: 'picture-choice', 'aria-pressed': 'false' }, h('img', { src: item.thumb, alt: '', loading: 'lazy' }), h('span', { class: 'picture-choice-name' }, item.name), h('span', { class: 'muted' }, item.alt ?? T.noAlt));
      button.addEventListener('click', () => {
        for (const b of Array.from(choices.querySelectorAll('button'))) b.setAttribute('aria-pressed', String(b === button));
        chosen = item;
        file.value = '';
        if (fromLibrary || alt.value.trim() === '') {
          alt.value = item.alt ?? '';
          caption.value = item.caption ?? '';
          fromLibrary = true;
        }
        say('');
      });
      choices.append(h('li', {}, button));
    }
    empty.hidden = choices.childElementCount > 0;
    more.hidden = page >= pages;
  }
  more.addEventListener('click', () => void loadLibrary());
  file.addEventListener('change', () => {
    chosen = null;
    for (const b of Array.from(choices.querySelectorAll('button'))) b.setAttribute('aria-pressed', 'false');
    if (fromLibrary) {
      alt.value = '';
      caption.value = '';
      fromLibrary = false;
    }
  });
  for (const input of [alt, caption]) input.addEventListener('input', () => (fromLibrary = false));
  cancel.addEventListener('click', () => dialog.close());

  function open(picture: { pos: number; attrs: PictureAttrs } | null): void {
    editing = picture;
    chosen = null;
    fromLibrary = false;
    file.value = '';
    alt.value = picture?.attrs.alt ?? '';
    caption.value = picture?.attrs.caption ?? '';
    title.textContent = picture ? T.describeTitle : T.insertTitle;
    submit.textContent = picture ? T.submitDescribe : T.submitInsert;
    source.hidden = picture !== null;
    for (const b of Array.from(choices.querySelectorAll('button'))) b.setAttribute('aria-pressed', 'false');
    say('');
    dialog.showModal();
    if (picture) alt.focus();
    else if (page === 0) void loadLibrary();
  }
  insertButton.addEventListener('click', () => open(null));
  describeButton.addEventListener('click', () => open(selectedPicture(editor)));
  surface.addEventListener('dblclick', () => {
    const picture = selectedPicture(editor);
    if (picture) open(picture);
  });

  async function upload(data: File): Promise<LibraryPicture | null> {
    const body = new FormData();
    body.append('purpose', 'image');
    body.append('alt', alt.value);
    body.append('caption', caption.value);
    body.append('file', data);
    const token = form?.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
    try {
      const res = await fetch('/admin/media', { method: 'POST', body, headers: { accept: 'application/json', 'x-csrf-token': token }, credentials: 'same-origin' });
      const json = (await res.json()) as LibraryPicture & { error?: { message?: string } };
      if (res.ok) return json;
      say(json.error?.message ?? T.failed);
    } catch {
      say(T.failed);
    }
    return null;
  }

  dialogForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    const description = oneLine(alt.value);
    if (description === '') {
      say(T.altRequired);
      alt.focus();
      return;
    }
    const text = { alt: description, caption: oneLine(caption.value) };
    if (editing) {
      editor.chain().focus().setNodeSelection(editing.pos).updateAttributes('image', text).run();
      dialog.close();
      announce(T.described);
      return;
    }
    const data = file.files?.[0];
    let picture = chosen;
    if (data) {
      submit.disabled = true;
      say('');
      announce(T.uploading);
      picture = await upload(data);
      submit.disabled = false;
      // A new picture is in the library now: the list is read again next time.
      choices.replaceChildren();
      page = 0;
    } else if (!picture) {
      say(T.chooseOne);
      return;
    }
    if (!picture) return;
    // Beside a selected picture, not over it.
    const node = { type: 'image', attrs: { src: picture.url, ...text } };
    const selected = selectedPicture(editor);
    if (selected) editor.chain().focus().insertContentAt(editor.state.selection.to, node).run();
    else editor.chain().focus().insertContent(node).run();
    dialog.close();
    announce(T.inserted);
  });

  syncFieldset(editor);
}

/**
 * The page's "Ảnh trong nội dung" fieldset and the editor say the same: a
 * description typed in either shows in the other, and the list follows the
 * pictures the editor holds. Its fields are sent with the form, as without
 * JavaScript.
 */
function syncFieldset(editor: Editor): void {
  const fieldset = document.querySelector<HTMLFieldSetElement>('[data-pictures]');
  const list = fieldset?.querySelector<HTMLOListElement>('[data-picture-list]');
  const count = fieldset?.querySelector<HTMLInputElement>('input[name="pictureCount"]');
  const none = fieldset?.querySelector<HTMLElement>('[data-pictures-none]');
  if (!fieldset || !list || !count) return;
  const input = (n: number, part: string) => list.querySelector<HTMLInputElement>(`[name="picture-${n}-${part}"]`);
  const rowSources = () => Array.from(list.querySelectorAll<HTMLInputElement>('input[name$="-src"]')).map((i) => i.value);

  // What the page offers (a description from the library) goes into the editor, without counting as a change.
  const pictures = picturesIn(editor);
  if (rowSources().join('\n') === pictures.map((p) => p.attrs.src).join('\n')) {
    const tr = editor.state.tr;
    pictures.forEach((p, i) => {
      const text = { alt: input(i + 1, 'alt')?.value ?? p.attrs.alt, caption: input(i + 1, 'caption')?.value ?? p.attrs.caption };
      if (text.alt !== p.attrs.alt || text.caption !== p.attrs.caption) tr.setNodeMarkup(p.pos, undefined, { ...p.attrs, ...text });
    });
    if (tr.docChanged) editor.view.dispatch(tr.setMeta('preventUpdate', true).setMeta('addToHistory', false));
  }

  const row = (n: number, attrs: PictureAttrs): HTMLLIElement => {
    const text = (part: 'alt' | 'caption', label: string, max: string) => {
      const el = h('input', { type: 'text', id: `picture-${n}-${part}`, name: `picture-${n}-${part}`, maxlength: max });
      el.value = attrs[part];
      return field(el.id, label, el);
    };
    const src = h('input', { type: 'hidden', name: `picture-${n}-src` });
    src.value = attrs.src;
    const thumb = attrs.src.startsWith('/media/') ? h('img', { class: 'picture-thumb', src: attrs.src, alt: '', width: '120' }) : h('span', { class: 'picture-thumb' });
    const fields = h('div', { class: 'picture-fields' }, h('p', { class: 'picture-name' }, h('strong', {}, T.pictureN(n))), src, text('alt', T.altN(n), '300'), text('caption', T.captionN(n), '500'));
    return h('li', { class: 'picture-row', id: `picture-${n}` }, thumb, fields);
  };

  editor.on('update', () => {
    const now = picturesIn(editor);
    if (rowSources().join('\n') !== now.map((p) => p.attrs.src).join('\n')) {
      list.replaceChildren(...now.map((p, i) => row(i + 1, p.attrs)));
      count.value = String(now.length);
      if (none) none.hidden = now.length > 0;
      return;
    }
    now.forEach((p, i) => {
      for (const part of ['alt', 'caption'] as const) {
        const el = input(i + 1, part);
        if (el && el !== document.activeElement && el.value !== p.attrs[part]) el.value = p.attrs[part];
      }
    });
  });

  // Typed in the fieldset: the picture in the editor takes it at once.
  list.addEventListener('input', (event) => {
    const match = /^picture-(\d+)-(alt|caption)$/.exec((event.target as HTMLInputElement).name);
    if (!match) return;
    const picture = picturesIn(editor)[Number(match[1]) - 1];
    if (!picture || picture.attrs.src !== input(Number(match[1]), 'src')?.value) return;
    editor.view.dispatch(editor.state.tr.setNodeMarkup(picture.pos, undefined, { ...picture.attrs, [match[2]!]: (event.target as HTMLInputElement).value }));
  });
}
