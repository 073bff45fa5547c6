import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pack, unpack } from '../../functions/adapters/codec.js';

/** A snapshot-like value with instants, a whole-second and an odd-millisecond one, Chinese text and a string that starts with the mark. */
const STORED = {
  state: {
    caseNo: '(2026)粤0304执恢56号',
    court: 'gd-futian',
    filedAt: 1790572560000,
    handler: '阿依古丽·艾买提',
    note: '~不是时间',
    amount: 1234567890123,
    nodes: [
      {
        node: 'onlineQuery',
        startedAt: 1790572560000,
        dueAt: 1790661600000,
        steps: [
          { rule: 'startHour', to: 1790575200000 },
          { rule: 'addHours', n: 24, param: 'OnlineQueryHours', to: 1790661600000 },
        ],
        doneAt: 1790644380123,
      },
    ],
  },
  sent: { onlineQuery: 'remind' },
  outbox: {},
};

// Written by format 1 and format 2 when each was current: stored data must decode for as
// long as it may be in a table, so these bytes never change (a new dictionary is a new format).
const FORMAT_1 =
  'AcNdpzzftMTA2MDkWefyZ42LTM1QK5b0FN200pLMxDzkGsbQ3NLA1NzI1MzAwMAAubp5OWP/k31zn/YvebJj76HtLzr3Pdm54Vn/BHCjH2S3Ut2THb3PZqx/Nn3by+lbQPU9tCoyNDI2MTUzt7A0MDQyxlIG4EtkyE5BRJWBmZkhWBBUfJekFkCMKyrNARkHNsAjvxQUXaDeFsQUUyOwelB8QNUlpqSAVIESRZ6SlZEJqHAsAheg/ggHwVTADIJbDKohkdKLgZmJibEFyIPIsYTWEIa2j1HjDgA=';
const FORMAT_2 =
  'AsPW2NMAFeyazzctMTA2MHnWufxZ4yJTs6f925EagekpummlJZmJeaitwZJcI7PcfJQ24csZ+5/sm/u0f8mTHXsPbX/Rue/Jzg3P+ieA5wZA9irV1T3Z0ftsxvpn07e9nL4FVFdDW46GRsYmpmbmFpYGhkbGWOpNPLnTADkuDcsLkonLorqGpfkGFOZTiBFI0WtobmlgZmJibAHyBkpEo8YpNKpRowcA';

describe('codec: packed snapshots', () => {
  it('reads a snapshot written by every format, old ones included', () => {
    expect(unpack(Buffer.from(FORMAT_1, 'base64'))).toEqual(STORED);
    expect(unpack(Buffer.from(FORMAT_2, 'base64'))).toEqual(STORED);
  });

  it('writes format 2, which reads back exactly', () => {
    const packed = pack(STORED);
    expect(packed[0]).toBe(2);
    expect(unpack(packed)).toEqual(STORED);
  });

  it('reads back any JSON value exactly, with instants and marked strings among it', () => {
    const instant = fc.integer({ min: 1e9, max: 1e10 - 1 }).map((s) => s * 1000);
    const leaf = fc.oneof(instant, fc.string().map((s) => `~${s}`), fc.constant('~'), fc.constant('~~'));
    const value = fc.jsonValue().chain((json) => fc.array(leaf).map((leaves) => ({ json, leaves, nested: { leaves: [...leaves].reverse(), json } })));
    fc.assert(
      fc.property(value, (v) => {
        expect(unpack(pack(v))).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });

  it('refuses a value of a format it does not know, naming it', () => {
    expect(() => unpack(Uint8Array.from([9, 1, 2]))).toThrow('unknown format 9');
    expect(() => pack({}, 9)).toThrow('no codec format 9');
  });
});
