import { describe, expect, it } from 'vitest';
import { nextDown, nextUp } from '../../src/numeric/rounding.js';

const EPS = Number.EPSILON;

describe('nextUp / nextDown', () => {
  it('step by one ulp around 1, where the spacing changes', () => {
    expect(nextUp(1)).toBe(1 + EPS);
    expect(nextDown(1)).toBe(1 - EPS / 2);
    expect(nextUp(-1)).toBe(-1 + EPS / 2);
    expect(nextDown(-1)).toBe(-1 - EPS);
  });

  it('cross powers of two in both directions', () => {
    for (const k of [-1021, -500, -1, 0, 1, 52, 53, 500, 1023]) {
      const p = 2 ** k;
      const below = p - (p * EPS) / 2;
      expect(nextDown(p)).toBe(below);
      expect(nextUp(below)).toBe(p);
      expect(nextUp(p)).toBe(p + p * EPS);
      expect(nextDown(-p)).toBe(-(p + p * EPS));
    }
  });

  it('reach Infinity from MAX_VALUE and come back', () => {
    expect(nextUp(Number.MAX_VALUE)).toBe(Infinity);
    expect(nextDown(Infinity)).toBe(Number.MAX_VALUE);
    expect(nextDown(-Number.MAX_VALUE)).toBe(-Infinity);
    expect(nextUp(-Infinity)).toBe(-Number.MAX_VALUE);
    expect(nextUp(Infinity)).toBe(Infinity);
    expect(nextDown(-Infinity)).toBe(-Infinity);
  });

  it('walk through the subnormals and zero of either sign', () => {
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
    expect(nextUp(-0)).toBe(Number.MIN_VALUE);
    expect(nextDown(0)).toBe(-Number.MIN_VALUE);
    expect(nextDown(-0)).toBe(-Number.MIN_VALUE);
    expect(nextUp(Number.MIN_VALUE)).toBe(2 * Number.MIN_VALUE);
    expect(nextDown(Number.MIN_VALUE)).toBe(0);
    expect(nextUp(-Number.MIN_VALUE)).toBe(-0);
    const minNormal = 2 ** -1022;
    expect(nextDown(minNormal)).toBe(minNormal - Number.MIN_VALUE);
    expect(nextUp(minNormal - Number.MIN_VALUE)).toBe(minNormal);
  });

  it('leave NaN alone', () => {
    expect(nextUp(NaN)).toBeNaN();
    expect(nextDown(NaN)).toBeNaN();
  });

  it('are inverse to each other and strictly monotone on random doubles', () => {
    const buf = new Float64Array(1);
    const bits = new Uint32Array(buf.buffer);
    let seed = 12345;
    const next32 = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    for (let t = 0; t < 2000; t++) {
      bits[0] = next32();
      bits[1] = next32();
      const x = buf[0]!;
      if (!Number.isFinite(x)) continue;
      const up = nextUp(x);
      const down = nextDown(x);
      expect(up).toBeGreaterThan(x);
      expect(down).toBeLessThan(x);
      if (x !== 0) {
        expect(nextDown(up)).toBe(x);
        expect(nextUp(down)).toBe(x);
      }
    }
  });
});
