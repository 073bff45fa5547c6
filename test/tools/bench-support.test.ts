import { describe, expect, it } from 'vitest';
import { bucketOf } from '../../bench/tools/profile-summary.js';
import { format } from '../../bench/support/report.js';
import { median, percentile } from '../../bench/support/stats.js';

describe('bench support: what the figures are computed with', () => {
  it('takes nearest-rank percentiles and medians of unsorted samples', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 99)).toBe(10);
    expect(percentile(samples, 100)).toBe(10);
    expect(percentile(samples, 1)).toBe(1);
    expect(median(samples)).toBe(5.5);
    expect(percentile([], 50)).toBeNaN();
  });

  it('prints figures rounded to a sensible precision, integers and text as they are', () => {
    expect(format(0.31949)).toBe('0.319');
    expect(format(12.3456)).toBe('12.35');
    expect(format(1396.06)).toBe('1396.1');
    expect(format(20000)).toBe('20000');
    expect(format('9.8 → 10.2')).toBe('9.8 → 10.2');
  });

  it('files profile samples under their package, the project folder, or node itself', () => {
    expect(bucketOf('file:///w/node_modules/@smithy/core/dist-cjs/index.js', 'f')).toBe('@smithy/core');
    expect(bucketOf('file:///w/node_modules/dynalite/index.js', 'f')).toBe('dynalite');
    expect(bucketOf('file:///w/functions/adapters/codec.ts', 'pack')).toBe('functions/');
    expect(bucketOf('node:zlib', 'zlibBufferSync')).toBe('node:*');
    expect(bucketOf('', '(garbage collector)')).toBe('(garbage collector)');
    expect(bucketOf('', 'writev')).toBe('(native)');
  });
});
