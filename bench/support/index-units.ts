/**
 * Write units of the global secondary indexes, by the DynamoDB rules — dynalite reports
 * only the table's units, so the bench adds the indexes' itself:
 *
 * - an item enters an index (its index keys appear): one put of the index entry;
 * - an item stays in an index and an index key changed: a delete of the old entry plus a
 *   put of the new one;
 * - an item stays, keys unchanged, a projected attribute changed: one put (update);
 * - an item leaves an index (a key is removed, or the item is deleted): one delete;
 * - nothing projected changed, or the item is in the index neither before nor after: 0.
 *
 * A put costs ceil(entry size / 1 KB) write units, where the entry is what the index
 * stores: the table's key, the index's key and the projected attributes. A delete costs
 * ceil(old entry size / 1 KB) (one unit for every entry of this table: they are far below
 * 1 KB). Sizes follow the DynamoDB item-size rules (names and strings in UTF-8 bytes,
 * numbers ~1 byte per two significant digits + 1, binaries in bytes).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../../functions/adapters/table-design.js';
import { TABLE_NAME } from '../../local/system.js';

export type Image = Record<string, AttributeValue>;

export interface IndexSpec {
  readonly name: string;
  /** Index key attributes (hash, range). */
  readonly keys: readonly string[];
  /** Non-key attributes the index projects (INCLUDE; none for KEYS_ONLY). */
  readonly projected: readonly string[];
}

/** The table's key attributes. */
export const TABLE_KEYS = ['pk', 'sk'] as const;

/** The indexes as the table design declares them. */
export function indexSpecs(): IndexSpec[] {
  return createTableInput(TABLE_NAME).GlobalSecondaryIndexes.map((index) => ({
    name: index.IndexName,
    keys: index.KeySchema.map((k) => k.AttributeName),
    projected: [...(index.Projection.NonKeyAttributes ?? [])],
  }));
}

function numberSize(text: string): number {
  const digits = text.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(1, digits.length) / 2) + 1;
}

/** Size of one attribute value, DynamoDB rules. */
export function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S, 'utf8');
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return value.B.byteLength;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((n, s) => n + Buffer.byteLength(s, 'utf8'), 0);
  if (value.NS !== undefined) return value.NS.reduce((n, s) => n + numberSize(s), 0);
  if (value.BS !== undefined) return value.BS.reduce((n, b) => n + b.byteLength, 0);
  if (value.L !== undefined) return 3 + value.L.reduce((n, v) => n + 1 + valueSize(v), 0);
  if (value.M !== undefined) return 3 + itemSize(value.M) + Object.keys(value.M).length;
  throw new TypeError(`unknown attribute value ${JSON.stringify(value)}`);
}

/** Size of an item: every attribute's name (UTF-8) and value. */
export function itemSize(item: Image): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) size += Buffer.byteLength(name, 'utf8') + valueSize(value);
  return size;
}

/** Size of a flat item of strings and numbers (as the document client would marshal it). */
export function plainItemSize(item: Readonly<Record<string, string | number>>): number {
  let size = 0;
  for (const [name, value] of Object.entries(item)) {
    size += Buffer.byteLength(name, 'utf8') + (typeof value === 'number' ? numberSize(String(value)) : Buffer.byteLength(value, 'utf8'));
  }
  return size;
}

export const writeUnitsOf = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/** Stable text of a value, to tell whether an attribute changed. */
function canonical(value: unknown): string {
  if (value instanceof Uint8Array) return `b:${Buffer.from(value).toString('base64')}`;
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The entry an index holds for an item, or undefined when the item is not in it (sparse). */
export function indexEntry(spec: IndexSpec, image: Image | undefined): Image | undefined {
  if (!image || spec.keys.some((k) => image[k] === undefined)) return undefined;
  const entry: Image = {};
  for (const name of [...TABLE_KEYS, ...spec.keys, ...spec.projected]) {
    const value = image[name];
    if (value !== undefined) entry[name] = value;
  }
  return entry;
}

export interface IndexWrite {
  readonly units: number;
  readonly puts: number;
  readonly deletes: number;
}

/** Write units one index spends when an item goes from `before` to `after` (undefined: absent). */
export function indexWriteUnits(spec: IndexSpec, before: Image | undefined, after: Image | undefined): IndexWrite {
  const old = indexEntry(spec, before);
  const next = indexEntry(spec, after);
  if (!old && !next) return { units: 0, puts: 0, deletes: 0 };
  if (old && !next) return { units: writeUnitsOf(itemSize(old)), puts: 0, deletes: 1 };
  if (!old && next) return { units: writeUnitsOf(itemSize(next)), puts: 1, deletes: 0 };
  const keyChanged = spec.keys.some((k) => canonical(old?.[k]) !== canonical(next?.[k]));
  if (keyChanged) return { units: writeUnitsOf(itemSize(old as Image)) + writeUnitsOf(itemSize(next as Image)), puts: 1, deletes: 1 };
  if (canonical(old) === canonical(next)) return { units: 0, puts: 0, deletes: 0 };
  return { units: writeUnitsOf(itemSize(next as Image)), puts: 1, deletes: 0 };
}

export interface UpdateInput {
  readonly UpdateExpression?: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
  readonly ExpressionAttributeValues?: Record<string, AttributeValue>;
}

/** Every attribute name an update expression mentions (a lenient scan, for items not tracked). */
export function mentionedAttributes(input: UpdateInput): string[] {
  const names = input.ExpressionAttributeNames ?? {};
  const tokens = (input.UpdateExpression ?? '').match(/[#:]?[A-Za-z_][A-Za-z0-9_]*/g) ?? [];
  return tokens.filter((t) => !t.startsWith(':')).map((t) => (t.startsWith('#') ? (names[t] ?? t) : t));
}

type Action = { kind: 'set'; name: string; value: AttributeValue } | { kind: 'remove'; name: string };

/**
 * Parses the update expressions the store writes: `SET a = :v, … [REMOVE a, …]` on
 * top-level attributes. Anything else (functions, arithmetic, ADD/DELETE, nested paths)
 * is refused loudly rather than miscounted.
 */
function parseUpdate(input: UpdateInput): Action[] {
  const expression = input.UpdateExpression ?? '';
  const names = input.ExpressionAttributeNames ?? {};
  const values = input.ExpressionAttributeValues ?? {};
  const nameOf = (token: string): string => {
    const t = token.trim();
    const name = t.startsWith('#') ? names[t] : t;
    if (!name || !/^[#A-Za-z0-9_]+$/.test(t)) throw new Error(`bench: unsupported path "${t}" in "${expression}"`);
    return name;
  };
  const actions: Action[] = [];
  const clauses = expression.split(/\b(SET|REMOVE|ADD|DELETE)\b/i).map((s) => s.trim()).filter(Boolean);
  for (let i = 0; i < clauses.length; i += 2) {
    const keyword = (clauses[i] ?? '').toUpperCase();
    const body = clauses[i + 1] ?? '';
    if (keyword === 'SET') {
      if (body.includes('(') || /[+-]/.test(body.replace(/[#:][A-Za-z0-9_]+/g, ''))) throw new Error(`bench: unsupported SET "${body}"`);
      for (const assignment of body.split(',')) {
        const [lhs, rhs] = assignment.split('=');
        const value = values[(rhs ?? '').trim()];
        if (!lhs || value === undefined) throw new Error(`bench: unsupported assignment "${assignment}"`);
        actions.push({ kind: 'set', name: nameOf(lhs), value });
      }
    } else if (keyword === 'REMOVE') {
      for (const path of body.split(',')) actions.push({ kind: 'remove', name: nameOf(path) });
    } else {
      throw new Error(`bench: unsupported update clause ${keyword} in "${expression}"`);
    }
  }
  return actions;
}

/** The item after an update expression. */
export function applyUpdate(before: Image, input: UpdateInput): Image {
  const after: Image = { ...before };
  for (const action of parseUpdate(input)) {
    if (action.kind === 'set') after[action.name] = action.value;
    else delete after[action.name];
  }
  return after;
}
