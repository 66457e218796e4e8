import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { linearNetwork } from '../../src/network/model.js';
import { loadNetworkSpec, parseNetworkSpec } from '../../src/network/spec.js';
import { SYSTEMS_DIR } from '../systems.js';

const SHARED = SYSTEMS_DIR;

const good = {
  dims: [2, 3, 1],
  X: [
    [1, 2],
    [3, 4],
  ],
  Y: [[5, 6]],
  regularization: {
    kind: 'entrywise',
    lambda: [
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      [[7, 8, 9]],
    ],
  },
};

/** The good spec with one field replaced (a path of keys and indices, value). */
function withField(path: (string | number)[], value: unknown): string {
  const spec = structuredClone(good) as Record<string | number, unknown>;
  let node: Record<string | number, unknown> = spec;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  if (value === undefined) delete node[path[path.length - 1]!];
  else node[path[path.length - 1]!] = value;
  return JSON.stringify(spec);
}

function refusal(text: string, baseDir = '.'): string {
  try {
    parseNetworkSpec(text, 'net.json', baseDir);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error('the spec was accepted');
}

describe('parseNetworkSpec accepts', () => {
  it('a valid entrywise spec, and its options build the network', () => {
    const options = parseNetworkSpec(JSON.stringify(good), 'net.json');
    expect(options.dims).toEqual([2, 3, 1]);
    expect(options.X).toEqual(good.X);
    const network = linearNetwork(options);
    expect(network.lambda).toEqual(good.regularization.lambda);
    expect(network.variables.length).toBe(9);
  });

  it('weight decay and no regularization', () => {
    const wd = parseNetworkSpec(withField(['regularization'], { kind: 'weight-decay', lambda: 0.1 }));
    expect(wd.regularization).toEqual({ kind: 'weight-decay', lambda: 0.1 });
    const none = parseNetworkSpec(withField(['regularization'], { kind: 'none' }));
    expect(none.regularization).toEqual({ kind: 'none' });
  });

  it('X and Y from CSV files relative to the spec, one line per data point', () => {
    const dir = mkdtempSync(join(tmpdir(), 'critsolve-spec-'));
    writeFileSync(join(dir, 'x.csv'), '# inputs\n1, 3\n2,4\n\n');
    writeFileSync(join(dir, 'y.csv'), '5\r\n6\r\n');
    const spec = { ...good, X: 'x.csv', Y: 'y.csv' };
    writeFileSync(join(dir, 'net.json'), JSON.stringify(spec));
    const options = loadNetworkSpec(join(dir, 'net.json'));
    expect(options.X).toEqual(good.X);
    expect(options.Y).toEqual(good.Y);
  });

  // systems/INDEX.md: the x1y2 specs without regularization, and dln_1-2-1 with
  // weight decay, have positive-dimensional critical sets; dln_1-1-1 with weight decay has 5
  // isolated points (one hidden neuron: no rotation between neurons); the others are generic.
  const NOT_ISOLATED = new Set(['dln_1-1-1_x1y2_none.json', 'dln_1-2-1_x1y2_none.json', 'dln_1-2-1_x1y2_wd0.1.json']);

  it('every shared network spec, with the shapes of its .phc system, isolated as INDEX.md says', () => {
    const specs = readdirSync(SHARED).filter((f) => f.startsWith('dln_') && f.endsWith('.json'));
    expect(specs.length).toBeGreaterThan(0);
    for (const file of specs) {
      const options = loadNetworkSpec(join(SHARED, file));
      const network = linearNetwork(options);
      expect(network.isolated, file).toBe(!NOT_ISOLATED.has(file));
      expect(network.system.equations.length).toBe(network.variables.length);
    }
  });
});

describe('parseNetworkSpec refuses, naming the field', () => {
  const cases: [string, string, RegExp][] = [
    ['invalid JSON, with line and column', '{\n  "dims": [2, 2,]\n}', /^net\.json:2:17: invalid JSON: Unexpected token '\]'$/],
    ['truncated JSON', '{"dims": [2', /^net\.json:1:12: invalid JSON: Expected ',' or '\]' after array element$/],
    ['an unfinished literal', '{"dims": tru', /^net\.json:1:13: invalid JSON: Unexpected end of JSON input$/],
    ['trailing text', '{"dims": [2]} x', /^net\.json:1:15: invalid JSON: Unexpected non-whitespace character after JSON$/],
    ['a spec that is not an object', '5', /net\.json: the spec must be an object, got 5/],
    ['missing dims', withField(['dims'], undefined), /dims is missing: give the layer widths/],
    ['fewer than 2 dims', withField(['dims'], [3]), /dims needs at least two layer widths .* got 1/],
    ['a zero width', withField(['dims'], [2, 0, 1]), /dims\[1\] must be a positive integer, got 0/],
    ['a fractional width', withField(['dims'], [2, 1.5, 1]), /dims\[1\] must be a positive integer, got 1\.5/],
    ['a width that is not a number', withField(['dims', 1], 'three'), /dims\[1\] must be a finite number, got "three"/],
    ['X with too few rows', withField(['X'], [[1, 2]]), /X has 1 rows but needs 2 \(one per input, dims\[0\] = 2\)/],
    [
      'Y with too many rows',
      withField(
        ['Y'],
        [
          [5, 6],
          [7, 8],
        ],
      ),
      /Y has 2 rows but needs 1 \(one per output, dims\[2\] = 1\)/,
    ],
    ['a ragged X', withField(['X', 1], [3]), /X\[1\] has 1 entries but X\[0\] has 2/],
    ['X and Y with different column counts', withField(['Y'], [[5, 6, 7]]), /Y has 3 columns but X has 2/],
    [
      'a non-finite number',
      '{"dims":[2,3,1],"X":[[1,2],[3,1e999]],"Y":[[5,6]],"regularization":{"kind":"none"}}',
      /X\[1\]\[1\] must be a finite number, got Infinity/,
    ],
    ['X that is neither matrix nor file', withField(['X'], 7), /X must be a matrix \(an array of rows of numbers\) or the name of a CSV file, got 7/],
    ['a null in Y', withField(['Y', 0, 1], null), /Y\[0\]\[1\] must be a finite number, got null/],
    ['missing regularization', withField(['regularization'], undefined), /regularization is missing: give \{ "kind": "entrywise"/],
    ['an unknown kind', withField(['regularization', 'kind'], 'l1'), /regularization\.kind must be one of "entrywise", "weight-decay", "none", got "l1"/],
    ['a negative λ', withField(['regularization', 'lambda', 1, 0, 2], -1), /regularization\.lambda\[1\]\[0\]\[2\] must not be negative, got -1/],
    [
      'a λ of the wrong shape',
      withField(['regularization', 'lambda', 1], [[7, 8]]),
      /regularization\.lambda\[1\] has 2 columns but needs 3 \(λ_2 has the shape of W2, 1×3\)/,
    ],
    ['too few λ matrices', withField(['regularization', 'lambda'], [[[1, 2]]]), /regularization\.lambda needs one matrix per layer, 2, got 1/],
    [
      'a negative weight decay',
      withField(['regularization'], { kind: 'weight-decay', lambda: -0.5 }),
      /regularization\.lambda must be a finite number ≥ 0, got -0\.5/,
    ],
    ['weight decay without λ', withField(['regularization'], { kind: 'weight-decay' }), /regularization\.lambda is missing/],
  ];
  for (const [what, text, message] of cases) {
    it(what, () => expect(refusal(text)).toMatch(message));
  }

  it('a missing spec file', () => {
    expect(() => loadNetworkSpec('/nonexistent/net.json')).toThrow(/cannot read the network spec '\/nonexistent\/net\.json': no such file/);
  });

  describe('CSV data', () => {
    const dir = mkdtempSync(join(tmpdir(), 'critsolve-csv-'));
    writeFileSync(join(dir, 'x.csv'), '1,3\n2,4\n');
    writeFileSync(join(dir, 'y.csv'), '5\n6\n');
    writeFileSync(join(dir, 'y3.csv'), '5\n6\n7\n');
    writeFileSync(join(dir, 'wide.csv'), '1,2,3\n4,5,6\n');
    writeFileSync(join(dir, 'bad.csv'), '1,3\n2,abc\n');
    writeFileSync(join(dir, 'ragged.csv'), '1,3\n2\n');
    writeFileSync(join(dir, 'hole.csv'), '1,,3\n');
    writeFileSync(join(dir, 'empty.csv'), '# nothing\n\n');
    const csv = (X: string, Y = 'y.csv'): string => JSON.stringify({ ...good, X, Y });

    it('a missing file', () => expect(refusal(csv('none.csv'), dir)).toMatch(/cannot read the CSV file of X '.*none\.csv': no such file/));
    it('a value that is not a number', () => expect(refusal(csv('bad.csv'), dir)).toMatch(/bad\.csv:2:3: 'abc' is not a finite number/));
    it('an empty field', () => expect(refusal(csv('hole.csv'), dir)).toMatch(/hole\.csv:1:3: empty field: expected a number/));
    it('ragged lines', () => expect(refusal(csv('ragged.csv'), dir)).toMatch(/ragged\.csv:2:1: 1 values, but the first data line has 2/));
    it('no data', () => expect(refusal(csv('empty.csv'), dir)).toMatch(/empty\.csv: no data points in the CSV file of X/));
    it('the wrong width', () =>
      expect(refusal(csv('wide.csv'), dir)).toMatch(/wide\.csv: 3 values per line, but dims\[0\] = 2: the CSV file of X holds one line per data point/));
    it('different numbers of data points', () => expect(refusal(csv('x.csv', 'y3.csv'), dir)).toMatch(/X has 2 data points but Y has 3/));
  });
});
