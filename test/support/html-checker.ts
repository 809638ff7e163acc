// The Nu HTML Checker (vnu.jar, from the vnu-jar package) on a Java runtime
// from Debian (`default-jre-headless`). One JVM checks every page in one run:
// starting Java is the slow part. Without Java the tests that need it are
// skipped with a visible message, except in CI, where Java is required.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

export const JAVA_PATH = process.env.JAVA_PATH ?? 'java';
/** The jar shipped inside the npm package (the package exports its path). */
const VNU_JAR = String(createRequire(import.meta.url)('vnu-jar'));

/** null when the checker can run; otherwise why the tests that need it are skipped. */
export function htmlCheckerUnavailable(): string | null {
  const probe = spawnSync(JAVA_PATH, ['-version'], { encoding: 'utf8' });
  if (probe.status === 0) return null;
  const reason = `Java not found ("${JAVA_PATH} -version" failed): HTML validity tests skipped (install Debian's "default-jre-headless" package; .ci/run does)`;
  console.warn(`\n⚠ ${reason}\n`);
  if (process.env.CI) throw new Error(`${reason} — required in CI`);
  return reason;
}

export interface CheckedPage {
  /** What the page is, as a person would name it in a report ("nhuxuan.localhost GET /van-ban/…"). */
  label: string;
  html: string;
}

export interface HtmlError {
  page: string;
  line: number | null;
  message: string;
  extract: string;
}

interface VnuMessage {
  type: string;
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/** Every error the checker finds in these pages (warnings are left out), with the page it is on. */
export async function htmlErrors(pages: CheckedPage[]): Promise<HtmlError[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'trangtin-vnu-'));
  try {
    const files = pages.map((page, i) => {
      const file = path.join(dir, `${i}.html`);
      writeFileSync(file, page.html);
      return file;
    });
    // The checker names a file "file:/tmp/…/12.html": the number is the page's index.
    const pageOf = (url: string | undefined) => pages[Number(/(\d+)\.html$/.exec(url ?? '')?.[1] ?? -1)]?.label ?? url ?? '?';
    // The checker writes its JSON report to stderr and exits 1 when it found errors.
    const report = await new Promise<string>((resolve, reject) => {
      const child = spawn(JAVA_PATH, ['-Xss1m', '-jar', VNU_JAR, '--format', 'json', '--errors-only', ...files], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 || code === 1 ? resolve(stderr) : reject(new Error(`vnu.jar exited with ${code}: ${stderr.slice(0, 2000)}`))));
    });
    const messages = (JSON.parse(report) as { messages: VnuMessage[] }).messages;
    return messages
      .filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error')
      .map((m) => ({ page: pageOf(m.url), line: m.lastLine ?? null, message: m.message, extract: (m.extract ?? '').replace(/\s+/g, ' ').trim() }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
