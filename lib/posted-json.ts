/**
 * Checks on a posted JSON body before any schema sees it (docs/API.md "事件与批量",
 * "文本字段"): how deep it nests, counted on the text without recursion, and whether
 * every string in it (names and values) is well-formed Unicode. Also a bounded preview
 * of any value for error messages, whatever its shape.
 */
import { isWellFormed } from './case-number.js';

/** Deepest nesting a body may have; the outer object or array is level 1. */
export const MAX_JSON_DEPTH = 32;

/**
 * The nesting depth of a JSON text, counted on its characters (brackets outside strings),
 * so that no parser or walker recurses into a hostile body. Stops counting past `stopAt`.
 */
export function jsonDepth(text: string, stopAt = MAX_JSON_DEPTH + 1): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest >= stopAt) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/** A path in a parsed value: keys and indexes from the root. */
export type ValuePath = readonly (string | number)[];

/**
 * Paths of every string that is not well-formed Unicode (a lone surrogate from a
 * `\ud800` escape), among object keys and values alike. Walks without recursion and no
 * deeper than `maxDepth` levels.
 */
export function illFormedStrings(root: unknown, maxDepth = MAX_JSON_DEPTH): ValuePath[] {
  const found: ValuePath[] = [];
  const stack: Array<{ value: unknown; path: ValuePath }> = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop() as { value: unknown; path: ValuePath };
    if (typeof value === 'string') {
      if (!isWellFormed(value)) found.push(path);
      continue;
    }
    if (value === null || typeof value !== 'object' || path.length >= maxDepth) continue;
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      if (!isWellFormed(key)) found.push([...path, key]);
      stack.push({ value: item, path: [...path, key] });
    }
  }
  return found.reverse();
}

const PREVIEW_CHARS = 40;

/** JSON text of a value, cut after `budget` characters; never recurses deeper than the budget. */
function boundedJson(value: unknown, budget: number): string {
  if (budget <= 0) return '';
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return String(value); // JSON shows null
    if (typeof value === 'bigint') return String(value);
    return JSON.stringify(value) ?? String(value);
  }
  const array = Array.isArray(value);
  let out = array ? '[' : '{';
  const entries: Array<[string | undefined, unknown]> = array ? value.map((v) => [undefined, v]) : Object.entries(value);
  for (const [i, [key, item]] of entries.entries()) {
    if (out.length >= budget) break;
    if (i > 0) out += ',';
    if (key !== undefined) out += `${JSON.stringify(key)}:`;
    out += boundedJson(item, budget - out.length);
  }
  return out + (array ? ']' : '}');
}

/** A short, safe rendering of any posted value for an error message (at most 40 characters). */
export function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  const chars = [...boundedJson(value, PREVIEW_CHARS + 1)];
  return chars.length > PREVIEW_CHARS ? `${chars.slice(0, PREVIEW_CHARS - 3).join('')}...` : chars.join('');
}

/** Writes a path as `data.respondents.0.kind`; a name that is not plain is quoted: `data["a b"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (!path.length) return '(event)';
  return path
    .map((segment, i) => {
      const name = String(segment);
      if (/^[A-Za-z0-9_$]+$/.test(name)) return i === 0 ? name : `.${name}`;
      const chars = [...name];
      return `[${JSON.stringify(chars.length > 40 ? `${chars.slice(0, 37).join('')}...` : name)}]`;
    })
    .join('');
}
