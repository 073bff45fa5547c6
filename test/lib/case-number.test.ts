/**
 * Case numbers (docs/API.md "案号"): NFKC, trimmed, then checked; look-alike spellings name
 * one case, invisible characters name none.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalCaseNo, checkCaseNo } from '../../lib/case-number.js';
import { illFormedStrings, jsonDepth, preview } from '../../lib/posted-json.js';

const CANONICAL = '(2026)豫0823执1234号';
const ok = (input: unknown) => {
  const checked = checkCaseNo(input);
  if (!checked.ok) throw new Error(`${JSON.stringify(input)}: ${checked.en}`);
  return checked.caseNo;
};
const refused = (input: unknown) => {
  const checked = checkCaseNo(input);
  if (checked.ok) throw new Error(`${JSON.stringify(input)} was accepted as ${checked.caseNo}`);
  return checked;
};

describe('the spellings of one case number (the issue\'s look-alikes)', () => {
  it.each([
    ['full-width parentheses (the official form)', '（2026）豫0823执1234号'],
    ['full-width digits', '(２０２６)豫０８２３执１２３４号'],
    ['leading and trailing spaces', '  (2026)豫0823执1234号 '],
    ['no-break spaces around', '\u00a0(2026)豫0823执1234号\u00a0'],
    ['ideographic spaces around', '\u3000(2026)豫0823执1234号\u3000'],
    ['a tab and a line feed around', '\t(2026)豫0823执1234号\n'],
  ])('%s', (_what, spelling) => {
    expect(ok(spelling)).toBe(CANONICAL);
  });

  it('NFC and NFD name the same case', () => {
    const nfc = '(2026)Café执1号';
    expect(ok(nfc.normalize('NFD'))).toBe(ok(nfc.normalize('NFC')));
    expect(ok(nfc.normalize('NFD'))).toBe('(2026)Café执1号'.normalize('NFC'));
  });
});

describe('what no case number may hold', () => {
  it.each([
    ['U+3164 HANGUL FILLER', '(2026)豫0823执1234号\u3164x', 'blank-looking filler'],
    ['U+115F HANGUL CHOSEONG FILLER', '(2026)\u115F1号', 'blank-looking filler'],
    ['U+1160 HANGUL JUNGSEONG FILLER', '(2026)\u11601号', 'blank-looking filler'],
    ['U+FFA0 HALFWIDTH HANGUL FILLER (NFKC makes it U+3164)', '(2026)\uFFA01号', 'blank-looking filler'],
    ['U+2800 BRAILLE BLANK', '(2026)豫0823执1234号\u2800x', 'blank-looking filler'],
    ['U+FE00 VARIATION SELECTOR-1', '(2026)豫\uFE000823执1234号', 'combining'],
    ['a combining accent that composes with nothing', '(2026)\u0301豫0823执1234号', 'combining'],
    ['U+200B ZERO WIDTH SPACE', '(2026)豫0823\u200B执1234号', 'format'],
    ['U+202E RIGHT-TO-LEFT OVERRIDE', '(2026)豫0823执\u202E1234号', 'format'],
    ['U+FEFF inside', '(2026)豫\uFEFF0823执1234号', 'format'],
    ['a private-use character', '(2026)豫0823执\uE0001234号', 'private-use'],
    ['an inner space', '(2026)豫0823 执1234号', 'white space'],
    ['an inner ideographic space (NFKC makes it a space)', '(2026)豫0823\u3000执1234号', 'white space'],
    ['a control character', '(2026)豫0823\u0007执1234号', 'control'],
    ['a lone high surrogate', '(2026)X\ud800', 'lone surrogate'],
    ['a lone low surrogate', '(2026)X\udc00', 'lone surrogate'],
  ])('%s', (_what, input, kind) => {
    const problem = refused(input);
    expect(problem.en).toContain(kind);
    expect(problem.zh.length).toBeGreaterThan(5);
  });

  it('nothing, or only white space, or more than 64 characters', () => {
    expect(refused('').en).toContain('empty');
    expect(refused(' \u3000 ').en).toContain('empty');
    expect(refused('号'.repeat(65)).en).toContain('65 characters');
    expect(ok('号'.repeat(64))).toHaveLength(64);
    expect(ok('😀'.repeat(64))).toBe('😀'.repeat(64)); // characters, not UTF-16 units
    expect(refused(1234).en).toContain('number');
  });
});

describe('properties (fast-check)', () => {
  it('any text either is refused or canonicalises to a spelling that is its own canonical form', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const checked = checkCaseNo(text);
        if (!checked.ok) return;
        expect(checkCaseNo(checked.caseNo)).toEqual({ ok: true, caseNo: checked.caseNo });
        expect([...checked.caseNo].length).toBeGreaterThanOrEqual(1);
        expect([...checked.caseNo].length).toBeLessThanOrEqual(64);
        expect(checked.caseNo).not.toMatch(/[\p{White_Space}\p{Cc}\p{Cf}\p{Co}\p{Cs}\p{M}\u115F\u1160\u3164\uFFA0\u2800]/u);
      }),
      { numRuns: 2000 },
    );
  });

  it('every compatibility spelling and white-space padding of a case number names the same case', () => {
    const padding = fc.array(fc.constantFrom(' ', '\u00a0', '\u3000', '\t', '\u2003'), { maxLength: 3 }).map((a) => a.join(''));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), padding, padding, fc.constantFrom('NFC', 'NFD', 'NFKC', 'NFKD'), (text, before, after, form) => {
        const checked = checkCaseNo(text);
        fc.pre(checked.ok);
        if (!checked.ok) return;
        expect(checkCaseNo(`${before}${checked.caseNo.normalize(form as 'NFC')}${after}`)).toEqual({ ok: true, caseNo: checked.caseNo });
      }),
      { numRuns: 1000 },
    );
  });

  it('full-width forms of ASCII name the same case as ASCII', () => {
    const ascii = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), minLength: 1, maxLength: 30 });
    fc.assert(
      fc.property(ascii, (text) => {
        const wide = [...text].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
        expect(canonicalCaseNo(wide)).toBe(canonicalCaseNo(text));
      }),
    );
  });
});

describe('posted JSON: depth, well-formedness, previews', () => {
  it('counts nesting on the text, outside strings, without recursion', () => {
    expect(jsonDepth('{}')).toBe(1);
    expect(jsonDepth('{"a":[{"b":"[[[[{{{"}]}')).toBe(3);
    expect(jsonDepth('{"a":"\\"[["}')).toBe(1);
    expect(jsonDepth('['.repeat(100_000), Infinity)).toBe(100_000);
    expect(jsonDepth('['.repeat(100_000))).toBe(33); // stops counting past the limit
  });

  it('finds every ill-formed string, in names and values, at its path', () => {
    const value = JSON.parse('{"ok":"fine","bad":"x\\ud800","list":["\\udc00",{"k\\ud801":1}]}');
    expect(illFormedStrings(value)).toEqual([['bad'], ['list', 0], ['list', 1, 'k\ud801']]);
    expect(illFormedStrings({ pair: '😀' })).toEqual([]);
  });

  it('previews any value in at most 40 characters, however deep, never splitting a character', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(preview(deep).length).toBeLessThanOrEqual(40);
    expect(preview('😀'.repeat(50))).toMatch(/^"(😀)+\.\.\.$/u);
    expect(preview(undefined)).toBe('nothing');
    expect(preview(Number.POSITIVE_INFINITY)).toBe('Infinity');
  });
});
