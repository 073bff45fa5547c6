/**
 * The Chinese guides (docs/zh/): the worked signature examples of 接入指南.md are right
 * (recomputed here from the rule), the README links every guide at its top, and every
 * relative link of the guides leads to a file of the project.
 */
import { createHmac } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const GUIDES = ['docs/zh/接入指南.md', 'docs/zh/部署与参数.md', 'docs/zh/管理人员使用说明.md'];
const SECRET = 'demo-secret-0123456789abcdef';
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The first code block after a marker, and the first `X-Signature: v2=` after it. */
function workedExample(text: string, name: string): { block: string; signature: string } {
  const at = text.indexOf(`<!-- worked-example:${name} -->`);
  expect(at, `worked example ${name}`).toBeGreaterThan(0);
  const rest = text.slice(at);
  const block = /```text\n([\s\S]*?)```/.exec(rest)?.[1] ?? '';
  const signature = /X-Signature: (v2=[0-9a-f]{64})/.exec(rest)?.[1] ?? '';
  return { block, signature };
}

const hmac = (canonical: string) => `v2=${createHmac('sha256', SECRET).update(Buffer.from(canonical, 'utf8')).digest('hex')}`;

describe('docs/zh/接入指南.md', () => {
  const guide = read('docs/zh/接入指南.md');

  it('signs the POST example over timestamp, method, target and the body bytes', () => {
    const { block, signature } = workedExample(guide, 'post');
    const body = block.replace(/\n$/, '');
    expect(JSON.parse(body).type).toBe('case.filed');
    expect(signature).toBe(hmac(`1796032800\nPOST\n/v1/events\n${body}`));
  });

  it('signs the GET examples over the decoded path and the sorted query', () => {
    const getCase = workedExample(guide, 'get-case');
    expect(getCase.block).toBe('1796032800\nGET\n/v1/cases/(2026)豫0823执1号\n\n');
    expect(decodeURIComponent('/v1/cases/%282026%29%E8%B1%AB0823%E6%89%A71%E5%8F%B7')).toBe('/v1/cases/(2026)豫0823执1号');
    expect(guide).toContain('/v1/cases/%282026%29%E8%B1%AB0823%E6%89%A71%E5%8F%B7');
    expect(getCase.signature).toBe(hmac(getCase.block.replace(/\n$/, '')));
    const list = workedExample(guide, 'get-list');
    expect(list.block).toBe('1796032800\nGET\n/v1/cases?overdue=true&team=simple\n\n');
    expect(list.signature).toBe(hmac(list.block.replace(/\n$/, '')));
  });
});

describe('the Chinese guides', () => {
  it('are linked at the top of the README', () => {
    const top = read('README.md').split('\n').slice(0, 12).join('\n');
    for (const guide of GUIDES) expect(top).toContain(`(${guide})`);
  });

  it('link only to files that exist', () => {
    for (const guide of GUIDES) {
      const text = read(guide);
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (!target || /^[a-z]+:/.test(target)) continue;
        expect(existsSync(join(ROOT, dirname(guide), decodeURIComponent(target))), `${guide} → ${target}`).toBe(true);
      }
    }
  });
});
