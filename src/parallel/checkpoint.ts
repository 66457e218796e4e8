/**
 * Checkpoint files: NDJSON, a header line that names the run (seed, a hash of the system,
 * the settings), then one path record per line, appended batch by batch. A crash loses at
 * most the batches in flight, and can tear only the last line, which resuming ignores and
 * cuts off before it appends again.
 */
import { createHash } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import type { Program } from '../compile/compile.js';
import { InputError } from '../errors.js';
import type { PathResult } from '../track/pathResult.js';
import { pathFromLine, pathToLine } from './records.js';

export const CHECKPOINT_SCHEMA = 'critsolve/checkpoint@1';

export interface CheckpointHeader {
  readonly schema: typeof CHECKPOINT_SCHEMA;
  readonly seed: number;
  /** SHA-256 of the variables and the compiled program. */
  readonly system: string;
  readonly variables: readonly string[];
  /** Everything else a path's result depends on; compared as JSON. */
  readonly settings: Record<string, unknown>;
}

export function systemHash(variables: readonly string[], program: Program): string {
  return createHash('sha256').update(JSON.stringify({ variables, program })).digest('hex');
}

function ioError(path: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EEXIST') return new InputError(`the checkpoint ${path} already exists: continue that run with --resume ${path}, or delete the file`);
  if (code === 'ENOENT') return new InputError(`cannot open the checkpoint ${path}: no such file (check the path)`);
  return new InputError(`cannot use the checkpoint ${path}: ${code ?? String(err)}`);
}

/** Appends path records, one write per batch. */
export class CheckpointWriter {
  private constructor(
    readonly path: string,
    private readonly fd: number,
  ) {}

  /** A new checkpoint; refuses to overwrite an existing file. */
  static create(path: string, header: CheckpointHeader): CheckpointWriter {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (err) {
      throw ioError(path, err);
    }
    const writer = new CheckpointWriter(path, fd);
    writeSync(fd, JSON.stringify(header) + '\n');
    return writer;
  }

  /** Continues a checkpoint after its last whole line (as found by readCheckpoint). */
  static resume(path: string, validBytes: number): CheckpointWriter {
    let fd: number;
    try {
      fd = openSync(path, 'r+');
      ftruncateSync(fd, validBytes);
      closeSync(fd);
      fd = openSync(path, 'a');
    } catch (err) {
      throw ioError(path, err);
    }
    return new CheckpointWriter(path, fd);
  }

  append(results: readonly PathResult[]): void {
    this.appendLines(results.map(pathToLine));
  }

  /** Lines of JSON, one write. */
  appendLines(lines: readonly string[]): void {
    if (lines.length > 0) writeSync(this.fd, lines.join('\n') + '\n');
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Whole lines of a file, read in chunks (checkpoints can outgrow a string); ends at the last newline. */
export function* checkpointLines(path: string): Generator<{ text: string; end: number }> {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (err) {
    throw ioError(path, err);
  }
  try {
    const chunk = Buffer.alloc(1 << 20);
    let carry = Buffer.alloc(0);
    let offset = 0;
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) return;
      let buf = Buffer.concat([carry, chunk.subarray(0, read)]);
      let nl: number;
      while ((nl = buf.indexOf(10)) >= 0) {
        offset += nl + 1;
        yield { text: buf.toString('utf8', 0, nl), end: offset };
        buf = buf.subarray(nl + 1);
      }
      carry = Buffer.from(buf);
    }
  } finally {
    closeSync(fd);
  }
}

/** The header of a checkpoint, for reading its seed before anything else is set up. */
export function readCheckpointHeader(path: string): CheckpointHeader {
  for (const { text } of checkpointLines(path)) {
    let header: unknown;
    try {
      header = JSON.parse(text);
    } catch {
      header = undefined;
    }
    const h = header as Partial<CheckpointHeader> | undefined;
    if (h?.schema !== CHECKPOINT_SCHEMA || typeof h.seed !== 'number' || typeof h.system !== 'string' || typeof h.settings !== 'object') {
      throw new InputError(`${path} is not a critsolve checkpoint (its first line is not a ${CHECKPOINT_SCHEMA} header)`);
    }
    return h as CheckpointHeader;
  }
  throw new InputError(`the checkpoint ${path} has no header line (it is empty, or was cut off while being created): start afresh without --resume`);
}

/** Refuses a checkpoint written for another system, seed or settings, saying which. */
export function checkHeader(path: string, found: CheckpointHeader, expected: CheckpointHeader): void {
  const afresh = `, or start afresh without --resume`;
  if (found.system !== expected.system) {
    const named = (h: CheckpointHeader): string => h.variables.join(', ');
    const same = named(found) === named(expected) ? ', other equations' : '';
    throw new InputError(
      `the checkpoint ${path} was written for another system (variables ${named(found)}${same}) than this one (variables ${named(expected)}): resume it with the system it was made for${afresh}`,
    );
  }
  if (found.seed !== expected.seed) {
    throw new InputError(
      `the checkpoint ${path} was written with seed ${found.seed}, not ${expected.seed}: resume with --seed ${found.seed} (or without --seed)${afresh}`,
    );
  }
  const a = JSON.stringify(found.settings);
  const b = JSON.stringify(expected.settings);
  if (a !== b) throw new InputError(`the checkpoint ${path} was written with other settings (${a}, now ${b}): resume with the same settings${afresh}`);
}

/**
 * Reads the lines after the header of a checkpoint whose header was checked, in file order:
 * `onLine` parses one, throwing an Error that says what is wrong, which becomes an InputError
 * naming the file and line. A torn last line (no newline) is ignored; returns the length of
 * the whole lines, where appending resumes.
 */
export function readCheckpointLines(path: string, onLine: (text: string) => void): number {
  let validBytes = 0;
  let lineNumber = 0;
  for (const { text, end } of checkpointLines(path)) {
    lineNumber++;
    validBytes = end;
    if (lineNumber === 1) continue;
    try {
      onLine(text);
    } catch (err) {
      throw new InputError(
        `the checkpoint ${path} is damaged at line ${lineNumber} (${(err as Error).message}): delete the line, or start afresh without --resume`,
      );
    }
  }
  return validBytes;
}

/** Reads the path records of a checkpoint whose header was checked (readCheckpointLines). */
export function readCheckpoint(
  path: string,
  n: number,
  pathCount: number,
  startOf: (index: number) => Float64Array,
  onRecord: (r: PathResult) => void,
): number {
  return readCheckpointLines(path, (text) => {
    const record = pathFromLine(text, n, startOf);
    if (record.index >= pathCount) throw new Error(`path index ${record.index} is not below the path count ${pathCount}`);
    onRecord(record);
  });
}
