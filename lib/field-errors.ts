/**
 * Field errors of a posted event, for the court IT staff who read them: Chinese first,
 * then English, each naming the field, the value given and what was expected, and the
 * section of docs/API.md that describes the field.
 */
import type * as z from 'zod/mini';
import { type ApiDocSection, apiDoc } from './api-doc.js';
import { formatPath, preview } from './posted-json.js';

/** One problem with one field of a posted event. */
export interface FieldError {
  readonly path: string;
  /** 中文 / English: the field's value and what was expected. */
  readonly message: string;
  /** The section of docs/API.md about this field. */
  readonly see?: string;
}

interface Words {
  readonly zh: string;
  readonly en: string;
}

/** A field error: `收到 <value>；应为<expected> / got <value>; expected <expected>`. */
export function fieldError(path: string, got: string, expected: Words, section: ApiDocSection): FieldError {
  return { path, message: `收到 ${got}；应为${expected.zh} / got ${got}; expected ${expected.en}`, see: apiDoc(section) };
}

/** A field error with its own words (no "got … expected …" shape). */
export function fieldProblem(path: string, words: Words, section: ApiDocSection): FieldError {
  return { path, message: `${words.zh} / ${words.en}`, see: apiDoc(section) };
}

/** Chinese for the English messages of the schemas' own checks. */
const CHECK_ZH: Readonly<Record<string, string>> = {
  'printable text': '可打印文本（不含控制字符、格式字符或分行符）',
  'non-blank text': '非空白文本',
  'no repeated trait': '不重复的特征',
  'a hash of 8-128 letters, digits or + / = _ -': '8 至 128 个字母、数字或 + / = _ - 组成的哈希值',
  'a document name such as executionNotice': '文书名称，如 executionNotice',
  'a date YYYY-MM-DD': '日期 YYYY-MM-DD',
};

const TYPE_WORDS: Readonly<Record<string, Words>> = {
  int: { zh: '整数', en: 'a whole number' },
  number: { zh: '有限数值', en: 'a finite number' },
  string: { zh: '文本', en: 'a string' },
  boolean: { zh: '布尔值 true 或 false', en: 'a boolean' },
  object: { zh: '对象', en: 'an object' },
  array: { zh: '数组', en: 'an array' },
};

function expectation(issue: z.core.$ZodIssue): Words {
  switch (issue.code) {
    case 'invalid_type':
      return TYPE_WORDS[issue.expected] ?? { zh: issue.expected, en: `${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}` };
    case 'too_small': {
      const n = String(issue.minimum);
      if (issue.origin === 'string') return { zh: `至少 ${n} 个字符`, en: `at least ${n} character${n === '1' ? '' : 's'}` };
      if (issue.origin === 'array') return { zh: `至少 ${n} 项`, en: `at least ${n} item${n === '1' ? '' : 's'}` };
      return { zh: ` ≥ ${n} 的数`, en: `a number ≥ ${n}` };
    }
    case 'too_big': {
      const n = String(issue.maximum);
      if (issue.origin === 'string') return { zh: `至多 ${n} 个字符`, en: `at most ${n} characters` };
      if (issue.origin === 'array') return { zh: `至多 ${n} 项`, en: `at most ${n} items` };
      return { zh: ` ≤ ${n} 的数`, en: `a number ≤ ${n}` };
    }
    case 'invalid_value': {
      const list = issue.values.map((v) => String(v)).join(', ');
      return { zh: `以下之一：${list}`, en: `one of ${list}` };
    }
    case 'invalid_format':
    case 'custom': {
      const en = issue.message === 'Invalid input' ? 'a different format' : issue.message;
      return { zh: CHECK_ZH[en] ?? en, en };
    }
    default:
      return { zh: '有效的值', en: 'a valid value' };
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}

/** The section of docs/API.md that describes a field, by its path. */
export function sectionOf(path: readonly PropertyKey[]): ApiDocSection {
  const head = String(path[0] ?? '');
  if (head === 'caseNo') return 'caseNumbers';
  if (head === 'type' || head === 'data') return 'eventTypes';
  return 'events';
}

/** Schema issues → field errors (`prefix` is where the schema's input sits in `input`). */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[], input: unknown, prefix: readonly PropertyKey[] = []): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const shown = JSON.stringify([...key].length > 40 ? `${[...key].slice(0, 37).join('')}...` : key);
        errors.push(
          fieldProblem(
            formatPath([...path, key]),
            { zh: `未知字段 ${shown}，请删除（字段以接口文档为准）`, en: `unknown field ${shown}; remove it (fields are fixed by the API)` },
            sectionOf(path),
          ),
        );
      }
      continue;
    }
    errors.push(fieldError(formatPath(path), preview(valueAt(input, path)), expectation(issue), sectionOf(path)));
  }
  return errors;
}

/** One error per field: the first problem found is the one to fix. */
export function dedupe(errors: readonly FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (seen.has(e.path)) return false;
    seen.add(e.path);
    return true;
  });
}
