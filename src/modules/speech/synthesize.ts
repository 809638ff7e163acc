// Speech out of text with Debian's espeak-ng (Vietnamese voice `vi`, English
// `en`) piped into lame (mono MP3, constant 40 kbps: small, and its duration
// follows from its size). No file is written outside the file store; both
// programs are killed when the timeout passes.
import { spawn, spawnSync } from 'node:child_process';

export interface SpeechTools {
  /** The espeak-ng program (ESPEAK_NG, or `espeak-ng` on the PATH). */
  espeak: string;
  /** The lame program (LAME, or `lame` on the PATH). */
  lame: string;
  /** How long one article may take, both programs together. */
  timeoutMs: number;
}

export const MP3_KBPS = 40;

export function defaultSpeechTools(env: NodeJS.ProcessEnv = process.env): SpeechTools {
  return { espeak: env.ESPEAK_NG?.trim() || 'espeak-ng', lame: env.LAME?.trim() || 'lame', timeoutMs: 120_000 };
}

/** Which of the two programs cannot be run here (a developer machine without them): empty when both run. */
export function missingSpeechTools(tools: Pick<SpeechTools, 'espeak' | 'lame'>): string[] {
  const missing: string[] = [];
  if (spawnSync(tools.espeak, ['--version'], { stdio: 'ignore', timeout: 5000 }).status !== 0) missing.push(tools.espeak);
  if (spawnSync(tools.lame, ['--version'], { stdio: 'ignore', timeout: 5000 }).status !== 0) missing.push(tools.lame);
  return missing;
}

export interface Speech {
  mp3: Buffer;
  durationMs: number;
  voice: string;
}

/** The voice of a language: Vietnamese, or English for English articles. */
export function voiceFor(language: string): string {
  return language === 'en' ? 'en' : 'vi';
}

export function synthesize(text: string, language: string, tools: SpeechTools): Promise<Speech> {
  const voice = voiceFor(language);
  return new Promise((resolve, reject) => {
    // -b 1: the text is UTF-8; it arrives on stdin, so no length limit of a command line applies.
    const espeak = spawn(tools.espeak, ['-v', voice, '-b', '1', '-s', '160', '--stdout'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const lame = spawn(tools.lame, ['--quiet', '-m', 'm', '--cbr', '-b', String(MP3_KBPS), '-', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    const errors: string[] = [];
    let settled = false;
    const finish = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) {
        espeak.kill('SIGKILL');
        lame.kill('SIGKILL');
        reject(error);
        return;
      }
      const mp3 = Buffer.concat(chunks);
      resolve({ mp3, voice, durationMs: Math.round((mp3.length * 8) / MP3_KBPS) });
    };
    const timer = setTimeout(() => finish(new Error(`speech timed out after ${tools.timeoutMs} ms`)), tools.timeoutMs);
    espeak.on('error', (e) => finish(new Error(`espeak-ng: ${e.message}`)));
    lame.on('error', (e) => finish(new Error(`lame: ${e.message}`)));
    espeak.stderr.on('data', (d: Buffer) => errors.push(d.toString()));
    lame.stderr.on('data', (d: Buffer) => errors.push(d.toString()));
    espeak.stdout.pipe(lame.stdin);
    // A program that dies early closes its pipe: not an error of ours, the exit code tells.
    lame.stdin.on('error', () => undefined);
    espeak.stdin.on('error', () => undefined);
    lame.stdout.on('data', (d: Buffer) => chunks.push(d));
    // Judged once both have exited: lame may close before espeak-ng's exit is reported.
    const codes: { espeak?: number | null; lame?: number | null } = {};
    const judge = () => {
      if (!('espeak' in codes) || !('lame' in codes)) return;
      const detail = errors.join('').slice(0, 300);
      if (codes.espeak !== 0) finish(new Error(`espeak-ng exited with ${codes.espeak}: ${detail}`));
      else if (codes.lame !== 0) finish(new Error(`lame exited with ${codes.lame}: ${detail}`));
      else if (chunks.length === 0) finish(new Error('no audio produced'));
      else finish(null);
    };
    espeak.on('close', (code) => {
      codes.espeak = code;
      judge();
    });
    lame.on('close', (code) => {
      codes.lame = code;
      judge();
    });
    espeak.stdin.end(text, 'utf8');
  });
}
