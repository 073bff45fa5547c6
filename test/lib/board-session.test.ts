/** Board sessions (CONTRACT §6): what the cookie proves, and what it refuses. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cookieValue, newSession, openSession, sealSession, SESSION_HOURS, sessionCookie } from '../../lib/board-session.js';
import { FINDING_CODES } from '../../lib/case-state.js';
import { LEVELS } from '../../lib/escalation.js';
import { boardLabels } from '../../lib/labels.js';
import { NODE_IDS } from '../../lib/nodes.js';
import { HOUR_MS } from '../../lib/time.js';

const KEY = 'k'.repeat(43);
const NOW = Date.parse('2026-03-10T10:00:00+08:00');

describe('sealed sessions', () => {
  it('open to the same court, user and end with the key they were sealed with, until they end', () => {
    const session = newSession('wuzhi', 'local', NOW);
    const token = sealSession(KEY, session);
    expect(openSession(KEY, token, NOW)).toEqual({ court: 'wuzhi', user: 'local', expiresAt: NOW + SESSION_HOURS * HOUR_MS });
    expect(openSession(KEY, token, session.expiresAt - 1)).toBeDefined();
    expect(openSession(KEY, token, session.expiresAt)).toBeUndefined();
    expect(openSession('another-key-of-the-next-server-run', token, NOW)).toBeUndefined();
  });

  it('end no later than the provider\'s token when it says so', () => {
    expect(newSession('wuzhi', 'u1', NOW, { until: NOW + HOUR_MS }).expiresAt).toBe(NOW + HOUR_MS);
  });

  it('refuse any altered token: a changed court cannot be read as valid', () => {
    const token = sealSession(KEY, newSession('wuzhi', 'local', NOW));
    fc.assert(
      fc.property(fc.nat(token.length - 1), fc.constantFrom(...'ABCxyz019-_.'), (i, c) => {
        const altered = token.slice(0, i) + c + token.slice(i + 1);
        fc.pre(altered !== token);
        expect(openSession(KEY, altered, NOW)).toBeUndefined();
      }),
    );
    const [, mac] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify({ c: 'qinyang', u: 'local', e: NOW + HOUR_MS })).toString('base64url')}.${mac}`;
    expect(openSession(KEY, forged, NOW)).toBeUndefined();
    for (const junk of ['', '.', 'a.b.c', 'x'.repeat(5000)]) expect(openSession(KEY, junk, NOW)).toBeUndefined();
  });
});

describe('the cookie', () => {
  it('is HttpOnly and SameSite=Strict, Secure over HTTPS, and found among others in a Cookie header', () => {
    expect(sessionCookie('v', 60, { secure: true })).toBe('board_session=v; Path=/; Max-Age=60; HttpOnly; SameSite=Strict; Secure');
    expect(sessionCookie('', 0, { secure: false })).toBe('board_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict');
    expect(cookieValue('a=1; board_session=abc.def; b=2', 'board_session')).toBe('abc.def');
    expect(cookieValue('xboard_session=1', 'board_session')).toBeUndefined();
    expect(cookieValue(undefined, 'board_session')).toBeUndefined();
  });
});

describe('the board\'s words: every code a manager sees has a Chinese name', () => {
  const chinese = /\p{Script=Han}/u;
  it('names every level, finding, node and team in Chinese', () => {
    const labels = boardLabels();
    for (const l of LEVELS) expect(labels.levels[l], l).toMatch(chinese);
    for (const f of FINDING_CODES) expect(labels.findings[f], f).toMatch(chinese);
    for (const n of NODE_IDS) expect(labels.nodes[n], n).toMatch(chinese);
    for (const name of Object.values(labels.teams)) expect(name).toMatch(chinese);
    for (const s of ['sending', 'sent', 'held', 'cancelled', 'superseded', 'suppressed']) expect(labels.noticeStatuses[s], s).toMatch(chinese);
  });
});
