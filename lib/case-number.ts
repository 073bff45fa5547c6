/**
 * Case numbers (docs/API.md "案号"): one spelling per case. A posted or requested case
 * number is canonicalised before anything else — Unicode NFKC (full-width `（２０２６）`
 * becomes `(2026)`), then white space trimmed at both ends — and what is left must be
 * well-formed, 1–64 characters (code points), with no white space, control, format
 * (zero-width, bidi), private-use or combining characters (marks, variation selectors),
 * nor blank-looking fillers. Look-alike spellings thus name the same case, and no
 * invisible character can make two cases out of one.
 */

export const MAX_CASE_NO_CHARS = 64;

/** Characters that look blank but are letters or symbols (Hangul fillers, Braille blank). */
const BLANK_FILLERS = new Set([0x115f, 0x1160, 0x3164, 0xffa0, 0x2800]);

interface Refused {
  readonly zh: string;
  readonly en: string;
}

/** Why one character may not appear in a case number, or undefined when it may. */
function refusedCharacter(ch: string): Refused | undefined {
  const cp = ch.codePointAt(0) ?? 0;
  if (/\p{Cs}/u.test(ch)) return { zh: '孤立的代理项（文本不是合法的 Unicode）', en: 'a lone surrogate (not well-formed Unicode)' };
  if (/\p{White_Space}/u.test(ch)) return { zh: '空白字符', en: 'white space' };
  if (/\p{Cc}/u.test(ch)) return { zh: '控制字符', en: 'a control character' };
  if (/\p{Cf}/u.test(ch)) return { zh: '格式字符（如零宽字符、双向控制符）', en: 'a format character (zero-width, bidi)' };
  if (/\p{Co}/u.test(ch)) return { zh: '私用区字符', en: 'a private-use character' };
  if (/\p{M}/u.test(ch)) return { zh: '组合字符（附加符号、变体选择符）', en: 'a combining character (mark, variation selector)' };
  if (/[\p{Zl}\p{Zp}]/u.test(ch)) return { zh: '分行符', en: 'a line or paragraph separator' };
  if (BLANK_FILLERS.has(cp)) return { zh: '看似空白的填充字符', en: 'a blank-looking filler' };
  return undefined;
}

const codePoint = (ch: string) => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** True when the text has no lone UTF-16 surrogate. */
export function isWellFormed(text: string): boolean {
  return !/\p{Cs}/u.test(text);
}

export type CaseNoCheck = { readonly ok: true; readonly caseNo: string } | { readonly ok: false; readonly zh: string; readonly en: string };

/** NFKC, then trimmed: the one spelling stored and returned (the text must be well-formed). */
export function canonicalCaseNo(text: string): string {
  return text.normalize('NFKC').trim();
}

/** Canonicalises and checks a case number; on refusal says why, in Chinese and English. */
export function checkCaseNo(input: unknown): CaseNoCheck {
  if (typeof input !== 'string') {
    const got = input === undefined ? '无 / nothing' : typeof input;
    return { ok: false, zh: `收到 ${got}；应为案号文本`, en: `got ${input === undefined ? 'nothing' : typeof input}; expected a case number (text)` };
  }
  if (!isWellFormed(input)) {
    const at = [...input].findIndex((ch) => /\p{Cs}/u.test(ch)) + 1;
    return { ok: false, zh: `第 ${at} 个字符是孤立的代理项，文本不是合法的 Unicode`, en: `character ${at} is a lone surrogate (not well-formed Unicode); expected well-formed text` };
  }
  const caseNo = canonicalCaseNo(input);
  const chars = [...caseNo];
  if (chars.length === 0) return { ok: false, zh: '案号为空（或只有空白）；应为 1 至 64 个字符', en: 'empty (or only white space); expected 1 to 64 characters' };
  if (chars.length > MAX_CASE_NO_CHARS) {
    return { ok: false, zh: `规范化后有 ${chars.length} 个字符；应为 1 至 ${MAX_CASE_NO_CHARS} 个`, en: `${chars.length} characters after canonicalisation; expected 1 to ${MAX_CASE_NO_CHARS}` };
  }
  for (const [i, ch] of chars.entries()) {
    const refused = refusedCharacter(ch);
    if (refused) {
      return {
        ok: false,
        zh: `第 ${i + 1} 个字符 ${codePoint(ch)} 是${refused.zh}；案号不得含空白、控制、格式、私用区、组合字符或空白填充字符`,
        en: `character ${i + 1}, ${codePoint(ch)}, is ${refused.en}; expected no white space, control, format, private-use, combining or blank-filler characters`,
      };
    }
  }
  return { ok: true, caseNo };
}
