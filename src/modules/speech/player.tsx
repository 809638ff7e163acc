// The "listen to this article" block of an article page: an <audio> element
// that loads nothing until asked (preload="none"), a download link with the
// size, and a note that the voice is machine-generated.
import type { Lang } from '../../ui/i18n.ts';
import { formatMegabytes } from '../../platform/files/index.ts';

const text = {
  vi: {
    heading: 'Nghe đọc bài viết',
    download: 'Tải tệp âm thanh',
    duration: 'Thời lượng',
    note: 'Giọng đọc do máy tạo tự động từ nội dung bài viết; tên riêng, chữ viết tắt có thể đọc chưa chuẩn.',
    noAudio: 'Trình duyệt không phát được âm thanh; hãy tải tệp về để nghe.',
    minutes: 'phút',
    seconds: 'giây',
  },
  en: {
    heading: 'Listen to this article',
    download: 'Download the audio',
    duration: 'Length',
    note: 'The voice is generated automatically from the text; names and abbreviations may be read imperfectly.',
    noAudio: 'Your browser cannot play audio; download the file to listen.',
    minutes: 'min',
    seconds: 's',
  },
} as const;

export interface SpeechView {
  url: string;
  bytes: number;
  durationMs: number;
}

/** "MP3, 1,2 MB" or "MP3, 350 KB" (below a megabyte the tenth would read 0). */
export function audioSize(bytes: number, lang: Lang): string {
  if (bytes >= 1024 * 1024) return formatMegabytes(bytes, lang);
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function duration(ms: number, lang: Lang): string {
  const t = text[lang];
  const total = Math.max(1, Math.round(ms / 1000));
  const m = Math.floor(total / 60);
  const s = total % 60;
  return m > 0 ? `${m} ${t.minutes} ${s} ${t.seconds}` : `${s} ${t.seconds}`;
}

/** The public address of a revision's audio: its revision and the start of the file's hash, so it never changes once given. */
export function speechUrl(revisionId: number, sha256: string): string {
  return `/am-thanh/${revisionId}-${sha256.slice(0, 16)}.mp3`;
}

export function ListenBlock({ lang, speech }: { lang: Lang; speech: SpeechView }): JSX.Element {
  const t = text[lang];
  return (
    <section class="listen" aria-labelledby="listen-h">
      <h2 id="listen-h">{t.heading}</h2>
      <audio controls="" preload="none" aria-labelledby="listen-h">
        <source src={speech.url} type="audio/mpeg" />
        <a href={speech.url}>{t.noAudio}</a>
      </audio>
      <p class="listen-meta">
        <a href={speech.url} download={speech.url.split('/').pop()} safe>
          {`${t.download} (MP3, ${audioSize(speech.bytes, lang)})`}
        </a>
        <span safe>{` · ${t.duration}: ${duration(speech.durationMs, lang)}`}</span>
      </p>
      <p class="listen-note">{t.note}</p>
    </section>
  );
}
