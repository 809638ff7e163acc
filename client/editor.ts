// The rich-text editor of the back office, added on top of a plain <textarea>
// that already works without JavaScript. Paste from Word keeps structure and
// drops formatting; legacy TCVN3/VNI text is converted to Unicode on paste;
// pictures are inserted and described with their own tool (pictures.ts);
// drafts are saved automatically. The server sanitises everything again.
import { Editor } from '@tiptap/core';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { repairVietnamese } from '../src/core/vietnamese/legacy.ts';
import { mountPictureTools, Picture } from './pictures.ts';

interface ToolbarButton {
  label: string;
  icon: string;
  run: (editor: Editor) => void;
  active?: (editor: Editor) => boolean;
}

const BUTTONS: ToolbarButton[] = [
  { label: 'Chữ đậm (Ctrl+B)', icon: 'B', run: (e) => e.chain().focus().toggleBold().run(), active: (e) => e.isActive('bold') },
  { label: 'Chữ nghiêng (Ctrl+I)', icon: 'I', run: (e) => e.chain().focus().toggleItalic().run(), active: (e) => e.isActive('italic') },
  { label: 'Gạch chân (Ctrl+U)', icon: 'U', run: (e) => e.chain().focus().toggleUnderline().run(), active: (e) => e.isActive('underline') },
  { label: 'Tiêu đề mục', icon: 'H2', run: (e) => e.chain().focus().toggleHeading({ level: 2 }).run(), active: (e) => e.isActive('heading', { level: 2 }) },
  { label: 'Tiêu đề mục nhỏ', icon: 'H3', run: (e) => e.chain().focus().toggleHeading({ level: 3 }).run(), active: (e) => e.isActive('heading', { level: 3 }) },
  { label: 'Danh sách dấu đầu dòng', icon: '•', run: (e) => e.chain().focus().toggleBulletList().run(), active: (e) => e.isActive('bulletList') },
  { label: 'Danh sách đánh số', icon: '1.', run: (e) => e.chain().focus().toggleOrderedList().run(), active: (e) => e.isActive('orderedList') },
  { label: 'Trích dẫn', icon: '❝', run: (e) => e.chain().focus().toggleBlockquote().run(), active: (e) => e.isActive('blockquote') },
  {
    label: 'Liên kết',
    icon: 'Liên kết',
    run: (e) => {
      const previous = (e.getAttributes('link').href as string | undefined) ?? 'https://';
      const href = window.prompt('Địa chỉ liên kết (để trống để bỏ liên kết):', previous);
      if (href === null) return;
      if (href.trim() === '') e.chain().focus().unsetLink().run();
      else e.chain().focus().setLink({ href: href.trim() }).run();
    },
    active: (e) => e.isActive('link'),
  },
  { label: 'Chèn bảng 3×3', icon: '▦', run: (e) => e.chain().focus().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run() },
  { label: 'Hoàn tác (Ctrl+Z)', icon: '↶', run: (e) => e.chain().focus().undo().run() },
  { label: 'Làm lại (Ctrl+Y)', icon: '↷', run: (e) => e.chain().focus().redo().run() },
];

/** Word's paste carries styles, classes and conditional comments; the schema drops most, this drops the rest. */
function cleanPastedHtml(html: string): string {
  const withoutComments = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<\/?o:p>/g, '');
  const doc = new DOMParser().parseFromString(withoutComments, 'text/html');
  for (const el of Array.from(doc.body.querySelectorAll('*'))) {
    el.removeAttribute('style');
    el.removeAttribute('class');
    el.removeAttribute('lang');
  }
  // Legacy TCVN3/VNI text arrives as mojibake: convert text nodes to Unicode.
  const walker = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
  let converted = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const repaired = repairVietnamese(node.nodeValue ?? '');
    if (repaired.converted) {
      node.nodeValue = repaired.text;
      converted = true;
    }
  }
  if (converted) announce('Đã chuyển văn bản mã TCVN3/VNI sang Unicode.');
  return doc.body.innerHTML;
}

let liveRegion: HTMLElement | null = null;
function announce(message: string): void {
  if (liveRegion) liveRegion.textContent = message;
}

function mountEditor(textarea: HTMLTextAreaElement): void {
  const wrapper = document.createElement('div');
  wrapper.className = 'rich-editor';
  const toolbar = document.createElement('div');
  toolbar.className = 'rich-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Định dạng nội dung');
  const surface = document.createElement('div');
  surface.className = 'rich-surface';
  liveRegion = document.createElement('p');
  liveRegion.className = 'rich-status';
  liveRegion.setAttribute('role', 'status');
  wrapper.append(toolbar, surface, liveRegion);
  textarea.insertAdjacentElement('afterend', wrapper);
  textarea.hidden = true;

  const labelId = textarea.getAttribute('aria-labelledby') ?? (textarea.labels?.[0] ? (textarea.labels[0].id ||= `${textarea.id}-label`) : null);
  const editor = new Editor({
    // TipTap would add a <style> element, which the Content Security Policy blocks: its rules are in admin.css.
    injectCSS: false,
    element: surface,
    extensions: [StarterKit.configure({ heading: { levels: [2, 3, 4] }, link: { openOnClick: false } }), Picture, Table, TableRow, TableHeader, TableCell],
    content: textarea.value,
    editorProps: {
      attributes: { role: 'textbox', 'aria-multiline': 'true', ...(labelId ? { 'aria-labelledby': labelId } : { 'aria-label': 'Nội dung' }), class: 'rich-content' },
      transformPastedHTML: cleanPastedHtml,
      transformPastedText: (text) => {
        const repaired = repairVietnamese(text);
        if (repaired.converted) announce('Đã chuyển văn bản mã TCVN3/VNI sang Unicode.');
        return repaired.text;
      },
    },
    onUpdate: ({ editor: e }) => {
      textarea.value = e.getHTML();
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
    },
  });

  const buttons = BUTTONS.map((b) => {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'rich-button';
    button.textContent = b.icon;
    // WCAG 2.5.3: the visible text ("H2", "1.") is part of the accessible name.
    const name = /[\p{L}\p{N}]/u.test(b.icon) ? `${b.icon} — ${b.label}` : b.label;
    button.setAttribute('aria-label', name);
    button.title = b.label;
    button.addEventListener('click', () => b.run(editor));
    toolbar.append(button);
    return { button, spec: b };
  });
  const refresh = () => {
    for (const { button, spec } of buttons) if (spec.active) button.setAttribute('aria-pressed', String(spec.active(editor)));
  };
  editor.on('selectionUpdate', refresh);
  editor.on('transaction', refresh);
  mountPictureTools(editor, toolbar, surface, textarea.form, announce);
  textarea.form?.addEventListener('submit', () => {
    textarea.value = editor.getHTML();
  });
}

/** Saves the form every 30 s while it changes, without leaving the page. */
function startAutosave(form: HTMLFormElement): void {
  const url = form.dataset.autosave;
  if (!url) return;
  const status = form.querySelector<HTMLElement>('[data-autosave-status]');
  let dirty = false;
  form.addEventListener('input', () => {
    dirty = true;
  });
  window.setInterval(async () => {
    if (!dirty) return;
    dirty = false;
    const data = new FormData(form);
    const body = new URLSearchParams();
    for (const [key, value] of data.entries()) if (typeof value === 'string') body.append(key, value);
    try {
      const res = await fetch(url, { method: 'POST', body, headers: { 'x-csrf-token': String(data.get('_csrf') ?? ''), accept: 'application/json' }, credentials: 'same-origin' });
      const json = (await res.json()) as { lockVersion?: number; savedAt?: string; message?: string };
      if (res.ok && json.lockVersion) {
        const lock = form.querySelector<HTMLInputElement>('input[name="lockVersion"]');
        if (lock) lock.value = String(json.lockVersion);
        if (status) status.textContent = `Đã tự động lưu bản nháp lúc ${json.savedAt ?? ''}.`;
      } else if (status) {
        status.textContent = json.message ?? 'Chưa tự động lưu được; hãy bấm Lưu.';
        dirty = true;
      }
    } catch {
      if (status) status.textContent = 'Mất kết nối: chưa tự động lưu được.';
      dirty = true;
    }
  }, 30_000);
}

for (const textarea of Array.from(document.querySelectorAll<HTMLTextAreaElement>('textarea[data-rich-editor]'))) mountEditor(textarea);
for (const form of Array.from(document.querySelectorAll<HTMLFormElement>('form[data-autosave]'))) startAutosave(form);
