// Password hashing (argon2id) and the password policy.
// Policy: at least 10 characters mixing three kinds of character (the usual
// reading of TCVN 11930 level 2 for state systems), or a passphrase of 16+
// characters of any kind; never the e-mail, the name or a well-known password.
import { hash, verify } from '@node-rs/argon2';
import { fold } from '../../core/vietnamese/index.ts';
import type { Problem } from '../../core/errors.ts';

// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane (about 30 ms here).
// algorithm 2 is Algorithm.Argon2id (a const enum, which isolated modules cannot import).
const ARGON_OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 10;
export const PASSPHRASE_MIN = 16;
export const PASSWORD_MAX = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), ARGON_OPTIONS);
}

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    await hashPassword(password); // same cost as a real check, so timing does not reveal the account
    return false;
  }
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/** Keeps response time alike for unknown accounts. */
export async function burnPasswordCheck(password: string): Promise<void> {
  await hashPassword(password);
}

const COMMON = new Set([
  '123456789', '1234567890', '12345678910', 'qwertyuiop', 'password', 'password1', 'password123', 'matkhau', 'matkhau123',
  'admin@123', 'admin123456', 'abc@123456', 'abcd@1234', 'qwerty@123', 'P@ssw0rd', 'P@ssword123', 'Abc@123456',
  'Admin@1234', 'Admin@12345', 'Aa@123456', 'Aa123456@', '1qaz2wsx3edc', 'iloveyou123', 'vietnam123', 'Vietnam@123',
  'hanoi@123', 'Hanoi@123', '11111111111', '00000000000', 'Trangtin@123', 'Ubnd@12345',
].map((p) => p.toLowerCase()));

function characterKinds(password: string): number {
  return [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{L}\p{Nd}]/u].filter((re) => re.test(password)).length;
}

/** Every reason a new password is refused, with messages in both languages. */
export function passwordProblems(password: string, person: { email?: string | null; name?: string | null }, field = 'password'): Problem[] {
  const problems: Problem[] = [];
  const length = [...password].length;
  if (length > PASSWORD_MAX) {
    problems.push({ code: 'password_too_long', field, vi: `Mật khẩu không được dài quá ${PASSWORD_MAX} ký tự.`, en: `Password must be at most ${PASSWORD_MAX} characters.` });
    return problems;
  }
  if (length < PASSWORD_MIN) {
    problems.push({ code: 'password_too_short', field, vi: `Mật khẩu phải có ít nhất ${PASSWORD_MIN} ký tự.`, en: `Password must be at least ${PASSWORD_MIN} characters.` });
  } else if (length < PASSPHRASE_MIN && characterKinds(password) < 3) {
    problems.push({
      code: 'password_too_simple', field,
      vi: `Mật khẩu dưới ${PASSPHRASE_MIN} ký tự phải có ít nhất 3 trong 4 loại: chữ thường, chữ hoa, chữ số, ký hiệu.`,
      en: `A password shorter than ${PASSPHRASE_MIN} characters needs 3 of: lower-case, upper-case, digits, symbols.`,
    });
  }
  const folded = fold(password).replace(/\s+/g, '');
  const emailLocal = person.email?.split('@')[0]?.toLowerCase();
  const nameFolded = person.name ? fold(person.name).replace(/\s+/g, '') : '';
  if (
    COMMON.has(password.toLowerCase()) ||
    /^(.)\1+$/.test(password) ||
    (emailLocal && emailLocal.length >= 4 && folded.includes(emailLocal)) ||
    (nameFolded.length >= 4 && folded.includes(nameFolded))
  ) {
    problems.push({
      code: 'password_guessable', field,
      vi: 'Mật khẩu quá dễ đoán (trùng mật khẩu phổ biến, địa chỉ thư hoặc họ tên). Vui lòng chọn mật khẩu khác.',
      en: 'Password is too easy to guess (a common password, your e-mail or your name). Please choose another.',
    });
  }
  return problems;
}
