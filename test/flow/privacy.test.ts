/**
 * Party names and id numbers never reach the logs — not for accepted events, not for
 * refused ones, not when a dependency fails (docs/API.md "错误").
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { failingStore } from '../support/failing-store.js';
import { at, ev, type Harness, startHarness } from '../support/local-harness.js';

// The handlers' logger takes its level from the environment when it is created (and
// Powertools restores it at every invocation): DEBUG, before anything is imported.
vi.hoisted(() => {
  process.env.POWERTOOLS_LOG_LEVEL = 'DEBUG';
});

const SECRETS = ['张三丰', '李书记员', '王执行员', '9f86d081884c7d65', '被执行人张三丰已离开本县'];
const CASE = '(2026)豫0823执777号';

describe('logs carry ids and counts, never party data', () => {
  let h: Harness;
  let failing = false;
  const lines: string[] = [];

  it('posts, reads, refuses and fails requests that carry party data', async () => {
    h = await startHarness({ decorate: { stores: failingStore(() => failing, new Error('item 张三丰 9f86d081884c7d65')) } });
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      await h.postAndApply({
        events: [
          ev('case.filed', CASE, '2026-03-02T09:00:00+08:00', { amount: 1000, financial: false, respondents: [{ kind: 'person', idHash: '9f86d081884c7d65' }], handler: '王执行员' }),
          ev('reception.recorded', CASE, '2026-03-02T10:00:00+08:00', { interviewer: '李书记员', interviewee: '张三丰' }),
          ev('reception.skipped', CASE, '2026-03-02T10:00:00+08:00', { reason: '被执行人张三丰已离开本县', extra: '张三丰' }),
          { eventId: 'bad', type: 'reception.recorded', caseNo: CASE, occurredAt: 'yesterday', data: { interviewer: 9, interviewee: '张三丰' } },
        ],
      });
      await h.system.scan(at('2026-06-01T00:00:00+08:00'));
      await h.get(`/v1/cases/${CASE}`, { court: 'qinyang', secret: 'qinyang-secret-0123456789abcdef' });
      failing = true;
      await h.post(ev('reception.recorded', CASE, '2026-03-03T10:00:00+08:00', { interviewer: '李书记员', interviewee: '张三丰' }));
    } finally {
      failing = false;
      spy.mockRestore();
      errSpy.mockRestore();
    }
  });

  afterAll(async () => h?.close());

  it('logged what happened', () => {
    const text = lines.join('');
    expect(text).toContain('events received');
    expect(text).toContain('request failed'); // the 503
    expect(text).toContain('request refused'); // the 403
  });

  it.each(SECRETS)('never logged %s', (secret) => {
    expect(lines.join('')).not.toContain(secret);
  });
});
