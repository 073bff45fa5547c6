import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NUMERIC_PARAMETERS, TEXT_PARAMETERS } from '../../lib/limits.js';
import { OPERATIONS_PARAMETERS } from '../../infra/parameter-catalog.js';
import { parameterTableMarkdown, replaceTable, TABLE_BEGIN, TABLE_END } from '../../infra/parameter-table.js';

/** The deploy guides carrying the table: the README and the Chinese admin guide. */
const GUIDES = ['../../README.md', '../../docs/zh/部署与参数.md'].map((p) => new URL(p, import.meta.url));

describe('deploy guide: parameter table (npx tsx infra/parameter-table.ts)', () => {
  it('has one row per stack parameter, with its default and range', () => {
    const table = parameterTableMarkdown();
    for (const [name, p] of Object.entries(NUMERIC_PARAMETERS)) expect(table).toContain(`| \`${name}\` | \`${p.default}\` | ${p.unit} | ${p.min}–${p.max} |`);
    for (const name of [...Object.keys(TEXT_PARAMETERS), ...Object.keys(OPERATIONS_PARAMETERS)]) expect(table).toContain(`| \`${name}\` |`);
    const rows = table.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(Object.keys(NUMERIC_PARAMETERS).length + Object.keys(TEXT_PARAMETERS).length + Object.keys(OPERATIONS_PARAMETERS).length);
  });

  it('the guide carries the current table (regenerate with --write if this fails)', () => {
    const guides = GUIDES.filter((u) => existsSync(u)).map((u) => [u.pathname, readFileSync(u, 'utf8')] as const).filter(([, t]) => t.includes(TABLE_BEGIN));
    expect(guides.length, `every guide with the markers ${TABLE_BEGIN} … ${TABLE_END}`).toBe(GUIDES.length);
    for (const [path, text] of guides) expect(replaceTable(text, path), path).toBe(text);
  });
});
