// A spelling check for single Vietnamese syllables, used by the legacy
// encoding detector: mojibake such as "c¸c" is not a syllable, while its
// decoding "các" is. Deliberately simple: initial consonant + rhyme from a
// fixed list + at most one tone, and the rule that a rhyme ending in
// c/ch/p/t only takes sắc or nặng. It accepts some non-words; it must not
// reject common ones.

const TONE_MARK = /[\u0300\u0301\u0303\u0309\u0323]/g;
const ACUTE_OR_DOT = /[\u0301\u0323]/;
const LETTERS_ONLY = /^[abcdđeghiklmnopqrstuvxyăâêôơư]+$/;
const COMBINING_TAIL = /\p{M}+$/u;
const STOP_FINAL = /(?:c|ch|p|t)$/;

// Every initial that prefixes the word is tried ('' = none), so order is free.
const INITIALS = [
  'ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'qu', 'th', 'tr',
  'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', '',
];

// Rhymes (vần) without tone.
const RHYMES = new Set(
  [
    'a ac ach ai am an ang anh ao ap at au ay',
    'ăc ăm ăn ăng ăp ăt',
    'âc âm ân âng âp ât âu ây',
    'e ec em en eng eo ep et',
    'ê êch êm ên ênh êp êt êu',
    'i ia ich im in inh ip it iu',
    'iêc iêm iên iêng iêp iêt iêu',
    'yêm yên yêt yêu',
    'o oc oi om on ong op ot ooc oong',
    'oa oac oach oai oam oan oang oanh oao oap oat oay',
    'oăc oăm oăn oăng oăt oe oem oen oeo oet',
    'ô ôc ôi ôm ôn ông ôp ôt',
    'ơ ơi ơm ơn ơp ơt',
    'u ua uc ui um un ung up ut',
    'uân uâng uât uây uê uêch uênh uơ',
    'uy uya uych uyn uynh uyp uyt uyu uyên uyêt',
    'uôc uôi uôm uôn uông uôt',
    'ư ưa ưc ưi ưng ưt ưu',
    'ươc ươi ươm ươn ương ươp ươt ươu',
    'y',
  ].flatMap((line) => line.split(' ')),
);

/** True when the word is spelt like one Vietnamese syllable (any case). */
export function isVietnameseSyllable(word: string): boolean {
  const decomposed = word.normalize('NFD').toLowerCase();
  const tones = decomposed.match(TONE_MARK) ?? [];
  if (tones.length > 1 || !toneOnVowel(decomposed)) return false;
  const toneless = decomposed.replace(TONE_MARK, '').normalize('NFC');
  if (!LETTERS_ONLY.test(toneless)) return false;
  const tone = tones[0] ?? '';
  return INITIALS.some((initial) => toneless.startsWith(initial) && isRhyme(initial, toneless.slice(initial.length), tone));
}

// A tone sits on a vowel ("ñ" is n + tilde, not a toned letter); other marks
// (circumflex, breve, horn) may stand between the two.
function toneOnVowel(decomposed: string): boolean {
  const index = decomposed.search(TONE_MARK);
  if (index < 0) return true;
  const base = decomposed.slice(0, index).replace(COMBINING_TAIL, '').slice(-1);
  return base !== '' && 'aeiouy'.includes(base);
}

function isRhyme(initial: string, rhyme: string, tone: string): boolean {
  if (STOP_FINAL.test(rhyme) && !ACUTE_OR_DOT.test(tone)) return false;
  if (RHYMES.has(rhyme)) return true;
  // "qu" carries the rhyme's glide u (quân = qu + uân); "gi" may absorb
  // the rhyme's i (giếng = gi + iêng, gì = gi + i).
  if (initial === 'qu') return RHYMES.has('u' + rhyme);
  if (initial === 'gi') return rhyme === '' || RHYMES.has('i' + rhyme);
  return false;
}
