/**
 * Court codes (法院代字, docs/API.md "法院代字与案件归属"). A court may be configured with the
 * codes its case numbers carry — the text between the year in parentheses and the first
 * `执`: `(2026)豫0823执1号` → `豫0823`. Such a court may only post and read case numbers
 * with one of its codes; a court without codes (the local demo court) may use any.
 */
import { checkCaseNo } from './case-number.js';
import type { CourtCodes } from './ports.js';

/** The court code of a canonical case number, or undefined when it has none. */
export function courtCodeOf(caseNo: string): string | undefined {
  return /^\(\d{4}\)([^执]+)执/u.exec(caseNo)?.[1];
}

/** The codes each court is configured with; a court absent here has none (any case number). */
export type CodesByCourt = Readonly<Record<string, readonly string[]>>;

/** What a court may do with a case number: allowed, or why not (Chinese and English). */
export type CodeCheck = { readonly ok: true } | { readonly ok: false; readonly zh: string; readonly en: string };

/**
 * Whether a court may use this canonical case number. A court with codes: only numbers
 * carrying one of them. A court without codes: any number but one carrying another
 * court's code (so that a court without codes cannot squat a number either).
 */
export function checkCourtCode(config: CourtCodes, court: string, caseNo: string): CodeCheck {
  const codes = config.codesOf(court);
  const code = courtCodeOf(caseNo);
  if (codes === undefined) {
    const owner = code === undefined ? undefined : config.courtOfCode(code);
    if (owner === undefined || owner === court) return { ok: true };
    return { ok: false, zh: `案号的法院代字 ${code} 属于其他法院`, en: `the court code ${code} belongs to another court` };
  }
  if (code !== undefined && codes.includes(code)) return { ok: true };
  const mine = codes.join('、');
  return code === undefined
    ? { ok: false, zh: `案号 ${caseNo} 中没有法院代字；应为带本院代字（${mine}）的案号`, en: `case number ${caseNo} carries no court code; expected one with a code of this court (${codes.join(', ')})` }
    : { ok: false, zh: `案号的法院代字 ${code} 不是本院的；应为本院代字（${mine}）之一`, en: `the court code ${code} is not this court's; expected one of ${codes.join(', ')}` };
}

/**
 * Checks a configuration of court codes: each code well-formed as a case number's part
 * (canonical, no white space or invisible characters, no 执 or parentheses) and no code
 * given to two courts. Returns the problems, each naming the court, the code and what
 * was expected.
 */
export function courtCodeProblems(codes: CodesByCourt, where: string): string[] {
  const problems: string[] = [];
  const owner = new Map<string, string>();
  for (const [court, list] of Object.entries(codes)) {
    if (!Array.isArray(list) || list.length === 0) {
      problems.push(`${where}.${court}.codes: expected a non-empty list of court codes such as ["豫0823"]`);
      continue;
    }
    for (const code of list) {
      const checked = typeof code === 'string' ? checkCaseNo(code) : undefined;
      if (!checked?.ok || checked.caseNo !== code || /[执()]/u.test(code)) {
        problems.push(`${where}.${court}.codes: ${JSON.stringify(code)} is not a court code; expected canonical text without white space, parentheses or 执, such as "豫0823"`);
        continue;
      }
      const other = owner.get(code);
      if (other !== undefined && other !== court) problems.push(`${where}.${court}.codes: "${code}" is also a code of ${other}; expected each code to belong to one court`);
      owner.set(code, court);
    }
  }
  return problems;
}

/** `CourtCodes` over a configuration (`COURT_CODES` on AWS, `COURT_SECRETS` locally), checked by `courtCodeProblems`. */
export function courtCodesFrom(codes: CodesByCourt): CourtCodes {
  const owners = new Map<string, string>();
  for (const [court, list] of Object.entries(codes)) for (const code of list) owners.set(code, court);
  return {
    codesOf: (courtId) => (Object.hasOwn(codes, courtId) ? codes[courtId] : undefined),
    courtOfCode: (code) => owners.get(code),
  };
}
