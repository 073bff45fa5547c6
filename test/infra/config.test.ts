import { mkdtempSync, writeFileSync } from 'node:fs';
import { DeploymentConfigError } from '../../lib/errors.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCourts, loadSubscriptions } from '../../infra/config.js';

const dir = mkdtempSync(join(tmpdir(), 'supervisor-config-'));
let n = 0;
function file(content: unknown): string {
  const path = join(dir, `config-${n++}.json`);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function problemsOf(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    expect(error).toBeInstanceOf(DeploymentConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a DeploymentConfigError');
}

describe('infra/config/courts.json', () => {
  it('the shipped file is valid', () => {
    expect(loadCourts().courts.length).toBeGreaterThan(0);
  });

  it.each([
    [{ secretPrefix: 'p/', courts: [{ id: 'Demo Court', name: 'x' }] }, /courts\.0\.id: .*X-Court-Id.*"Demo Court"/],
    [{ secretPrefix: 'p/', courts: [] }, /at least one court/],
    [{ secretPrefix: 'p/', courts: [{ id: 'a', name: 'x' }, { id: 'a', name: 'y' }] }, /id a listed twice/],
    [{ secretPrefix: 'bad prefix!', courts: [{ id: 'a', name: 'x' }] }, /secretPrefix: Secrets Manager name characters/],
    [{ secretPrefix: 'p/', courts: [{ id: 'a', name: 'x', secret: 'inline' }] }, /courts\.0/],
    ['{ not json', /is not JSON/],
  ])('refuses %j naming the problem', (content, message) => {
    const path = file(content);
    const text = problemsOf(() => loadCourts(path));
    expect(text).toContain(path);
    expect(text).toMatch(message);
  });
});

describe('infra/config/subscriptions.json', () => {
  it('the shipped file is valid', () => {
    const config = loadSubscriptions();
    expect(config.notices.length).toBeGreaterThan(0);
  });

  it.each([
    [{ notices: [{ name: 'x', protocol: 'email', endpoint: 'not-an-address' }], operations: [] }, /notices\.0\.endpoint/],
    [{ notices: [{ name: 'x', protocol: 'sms', endpoint: '13800000000' }], operations: [] }, /E\.164/],
    [{ notices: [{ name: 'x', protocol: 'https', endpoint: 'http://gateway.example.org/' }], operations: [] }, /notices\.0\.endpoint/],
    [{ notices: [{ name: 'x', protocol: 'email', endpoint: 'a@example.org', teams: ['nobody'] }], operations: [] }, /notices\.0\.teams\.0/],
    [{ notices: [{ name: 'x', protocol: 'email', endpoint: 'a@example.org', levels: ['escalate'] }], operations: [] }, /notices\.0\.levels\.0/],
    [{ notices: [{ name: 'x', protocol: 'email', endpoint: 'a@example.org', kinds: ['digest'], levels: ['urge'] }], operations: [] }, /"levels" filters notices/],
    [{ notices: [{ name: 'x', protocol: 'email', endpoint: 'a@example.org', kinds: ['report'] }], operations: [] }, /notices\.0\.kinds\.0/],
    [{ notices: [{ name: 'x', protocol: 'fax', endpoint: '1' }], operations: [] }, /notices\.0\.protocol/],
    [
      {
        notices: [
          { name: 'same', protocol: 'email', endpoint: 'a@example.org' },
          { name: 'same', protocol: 'email', endpoint: 'b@example.org' },
        ],
        operations: [],
      },
      /name same used twice/,
    ],
    [{ notices: [] }, /operations/],
  ])('refuses %j naming the problem', (content, message) => {
    expect(problemsOf(() => loadSubscriptions(file(content)))).toMatch(message);
  });

  it('refuses a filter with more value combinations than SNS allows', () => {
    const courts = Array.from({ length: 6 }, (_, i) => `court-${i}`);
    const content = {
      notices: [
        {
          name: 'wide',
          protocol: 'email',
          endpoint: 'a@example.org',
          teams: ['service', 'simple', 'ordinary', 'large', 'emergency', 'financial'],
          levels: ['remind', 'urge', 'supervise', 'approvalSupervisor', 'approvalPresident'],
          courts,
        },
      ],
      operations: [],
    };
    expect(problemsOf(() => loadSubscriptions(file(content)))).toMatch(/180 team × level × court combinations; SNS allows at most 150/);
  });
});
