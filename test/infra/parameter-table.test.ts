import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NUMERIC_PARAMETERS, TEXT_PARAMETERS } from '../../lib/limits.js';
import { BOARD_PARAMETERS, OPERATIONS_PARAMETERS } from '../../infra/parameter-catalog.js';
import { GUIDE, OTHER_GUIDES, parameterTableMarkdown, replaceTable, runParameterTable, TABLE_BEGIN, TABLE_END } from '../../infra/parameter-table.js';

/** The deploy guides carrying the table: the README and the Chinese admin guide. */
const GUIDES = [GUIDE, ...OTHER_GUIDES].map((p) => new URL(`../../${p}`, import.meta.url));

describe('deploy guide: parameter table (npx tsx infra/parameter-table.ts)', () => {
  it('has one row per stack parameter, with its default and range', () => {
    const table = parameterTableMarkdown();
    for (const [name, p] of Object.entries(NUMERIC_PARAMETERS)) expect(table).toContain(`| \`${name}\` | \`${p.default}\` | ${p.unit} | ${p.min}–${p.max} |`);
    for (const name of [...Object.keys(TEXT_PARAMETERS), ...Object.keys(OPERATIONS_PARAMETERS), ...Object.keys(BOARD_PARAMETERS)]) expect(table).toContain(`| \`${name}\` |`);
    const rows = table.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(Object.keys(NUMERIC_PARAMETERS).length + Object.keys(TEXT_PARAMETERS).length + Object.keys(OPERATIONS_PARAMETERS).length + Object.keys(BOARD_PARAMETERS).length);
  });

  it('the guide carries the current table (regenerate with --write if this fails)', () => {
    const guides = GUIDES.filter((u) => existsSync(u)).map((u) => [u.pathname, readFileSync(u, 'utf8')] as const).filter(([, t]) => t.includes(TABLE_BEGIN));
    expect(guides.length, `every guide with the markers ${TABLE_BEGIN} … ${TABLE_END}`).toBe(GUIDES.length);
    for (const [path, text] of guides) expect(replaceTable(text, path), path).toBe(text);
  });

  it('the command the README gives writes the table, and a wrong file gets one clear line, no stack', () => {
    for (const guide of [GUIDE, ...OTHER_GUIDES]) {
      expect(readFileSync(new URL(`../../${guide}`, import.meta.url), 'utf8')).toContain(`npx tsx infra/parameter-table.ts --write ${guide}`);
    }
    const dir = mkdtempSync(join(tmpdir(), 'parameter-table-'));
    try {
      const lines: string[] = [];
      const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(`! ${l}`) };
      const guide = join(dir, 'guide.md');
      writeFileSync(guide, `# Guide\n${TABLE_BEGIN}\nold\n${TABLE_END}\n`);
      expect(runParameterTable(['--write', guide], io)).toBe(0);
      expect(readFileSync(guide, 'utf8')).toContain(parameterTableMarkdown());

      lines.length = 0;
      expect(runParameterTable(['--write', join(dir, 'DEPLOY.md')], io)).toBe(1);
      expect(lines).toEqual([expect.stringMatching(/DEPLOY\.md: cannot be read \(ENOENT\); the parameter table lives in README\.md .*--write README\.md/)]);

      lines.length = 0;
      writeFileSync(guide, '# no markers\n');
      expect(runParameterTable(['--write', guide], io)).toBe(1);
      expect(lines[0]).toMatch(/no parameter table markers/);
      expect(lines.join('\n')).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
