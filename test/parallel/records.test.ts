import { describe, expect, it } from 'vitest';
import { packBatch, pathFromLine, pathToLine, unpackBatch } from '../../src/parallel/records.js';
import type { PathResult } from '../../src/track/pathResult.js';

const paths: PathResult[] = [
  {
    index: 4,
    code: 'success',
    start: Float64Array.of(1, 0, -0.5, Math.sqrt(3) / 2),
    end: Float64Array.of(0.1 + 0.2, -1e-300, 5e-324, 1 / 3),
    t: 1,
    acceptedSteps: 40,
    rejectedSteps: 2,
    ddSteps: 0,
    residual: 1.1e-16,
    condition: 12.5,
    windingNumber: 1,
    preset: 'default',
  },
  {
    index: 9,
    code: 'at_infinity',
    cause: 'norm_too_large',
    reason: 'norm passed 1e14 in the endgame — “quoted”',
    start: Float64Array.of(0, 1, 0, -1),
    end: Float64Array.of(Infinity, -Infinity, NaN, 2e14),
    t: 0.999,
    acceptedSteps: 300,
    rejectedSteps: 7,
    ddSteps: 120,
    residual: NaN,
    condition: Infinity,
    windingNumber: 1,
    preset: 'conservative',
  },
];

describe('path records', () => {
  it('round-trip exactly through a packed batch', () => {
    const packed = packBatch(2, paths);
    expect(packed.numbers).toBeInstanceOf(Float64Array);
    expect(unpackBatch(packed)).toEqual(paths);
  });

  it('round-trip exactly through checkpoint lines, NaN and infinities included', () => {
    const startOf = (i: number) => paths.find((p) => p.index === i)!.start;
    for (const p of paths) {
      const line = pathToLine(p);
      expect(line).not.toMatch(/\n/);
      expect(pathFromLine(line, 2, startOf)).toEqual(p);
    }
  });

  it('reads a line written before steps in double-double were recorded as none', () => {
    const startOf = (i: number) => paths.find((p) => p.index === i)!.start;
    const old = JSON.parse(pathToLine(paths[1]!)) as Record<string, unknown>;
    expect(old.ddSteps).toBe(120);
    delete old.ddSteps;
    expect(pathFromLine(JSON.stringify(old), 2, startOf)).toEqual({ ...paths[1]!, ddSteps: 0 });
    expect(JSON.parse(pathToLine(paths[0]!)) as Record<string, unknown>).not.toHaveProperty('ddSteps');
  });

  it('refuses malformed lines, saying what is wrong', () => {
    const startOf = () => new Float64Array(4);
    const good = JSON.parse(pathToLine(paths[0]!)) as Record<string, unknown>;
    expect(() => pathFromLine(JSON.stringify({ ...good, end: [1, 2] }), 2, startOf)).toThrow('end is not a point with 2 complex coordinates');
    expect(() => pathFromLine(JSON.stringify({ ...good, index: -1 }), 2, startOf)).toThrow('index is not a path index');
    expect(() => pathFromLine(JSON.stringify({ ...good, residual: 'big' }), 2, startOf)).toThrow('residual is not a number');
    expect(() => pathFromLine(JSON.stringify({ ...good, cause: 'bad luck' }), 2, startOf)).toThrow('unknown cause "bad luck"');
  });
});
