/**
 * The study store: one SQLite file (better-sqlite3) that holds the study, each architecture's
 * bounds and source solve, and one row per finished instance. An architecture's instances are
 * written in one transaction together with the mark that it is done, so a study killed at any
 * moment (Ctrl-C or kill -9) holds each architecture either whole or not at all; the work in
 * flight is kept meanwhile in the instance checkpoint beside the store (network/instanceCheckpoint).
 */
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { InputError } from '../errors.js';
import { studyFromValue, studyToValue, type Study } from './spec.js';

const SCHEMA = 'critsolve/study-store@1';

/** One instance's critical points, as the tables need them. */
export interface InstanceRow {
  /** 0-based. */
  readonly instance: number;
  /** The data seed that re-creates this instance alone (`critsolve network --data-seed`). */
  readonly seed: number;
  /** Distinct isolated critical points found (N_C of this instance). */
  readonly points: number;
  /** Those with no zero coordinate (N_C*). */
  readonly nonzero: number;
  readonly real: number;
  readonly complex: number;
  readonly minima: number;
  readonly saddles: number;
  readonly degenerate: number;
  /** Singular endpoints among the points. */
  readonly singular: number;
  /**
   * Paths of the parameter homotopy to this instance that ended at infinity or failed. Between
   * generic parameters every path should end at a finite point, so each one may be a point lost
   * (an instance whose λ's are near 0 has points of huge norm). Missing in stores written before.
   */
  readonly atInfinity?: number;
  readonly failed?: number;
  /** Real nondegenerate points by Morse index (0: minima). */
  readonly byIndex: Readonly<Record<string, number>>;
  /** Points per zero pattern. */
  readonly patterns: Readonly<Record<string, number>>;
  /** [loss, Morse index or null when degenerate] of every real point. */
  readonly realLosses: readonly (readonly [number, number | null])[];
}

/** The root-count bounds of an architecture's gradient system, as decimal strings (they can exceed 2^53). */
export interface BoundsRow {
  readonly bezout: string;
  readonly multihomogeneous: string;
  /** Absent when it took longer than the study's boundsSeconds. */
  readonly mixedVolume?: string;
  readonly stableMixedVolume?: string;
}

/** What the source solve of an architecture found. */
export interface SourceRow {
  readonly solutions: number;
  readonly loops: number;
  readonly pathsTracked: number;
  readonly stops: string;
}

export interface ArchitectureState {
  readonly bounds?: BoundsRow;
  readonly source?: SourceRow;
  readonly done: boolean;
  readonly seconds?: number;
}

export class StudyStore {
  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
    readonly study: Study,
  ) {}

  /**
   * The store of this study: a new file, or the existing store of the same study (a resumed
   * run). A store of another study is refused, so that no run mixes two studies' rows.
   */
  static openFor(file: string, study: Study): StudyStore {
    const existed = existsSync(file);
    const db = StudyStore.connect(file);
    const value = JSON.stringify(studyToValue(study));
    if (!existed) {
      db.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE architectures (arch INTEGER PRIMARY KEY, bounds TEXT, source TEXT, done INTEGER NOT NULL DEFAULT 0, seconds REAL);
        CREATE TABLE instances (arch INTEGER NOT NULL, instance INTEGER NOT NULL, seed INTEGER NOT NULL, row TEXT NOT NULL, PRIMARY KEY (arch, instance));`);
      db.prepare('INSERT INTO meta VALUES (?, ?), (?, ?)').run('schema', SCHEMA, 'study', value);
      return new StudyStore(db, file, study);
    }
    const stored = StudyStore.read(db, file);
    if (JSON.stringify(studyToValue(stored)) !== value) {
      db.close();
      throw new InputError(
        `${file} holds another study (${stored.name}: ${describe(stored)}), not this one (${study.name}: ${describe(study)}); give another --store, or run that study's own command to resume it`,
      );
    }
    return new StudyStore(db, file, stored);
  }

  /** An existing store, for status, export and report. */
  static open(file: string): StudyStore {
    if (!existsSync(file)) throw new InputError(`no study store at ${file}; make one with critsolve study run … --store ${file}`);
    const db = StudyStore.connect(file);
    return new StudyStore(db, file, StudyStore.read(db, file));
  }

  private static connect(file: string): Database.Database {
    let db: Database.Database;
    try {
      db = new Database(file);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    } catch (error) {
      throw new InputError(`cannot open the study store ${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return db;
  }

  private static read(db: Database.Database, file: string): Study {
    let rows: { key: string; value: string }[];
    try {
      rows = db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[];
    } catch {
      db.close();
      throw new InputError(`${file} is not a critsolve study store (no meta table)`);
    }
    const meta = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    if (meta['schema'] !== SCHEMA || meta['study'] === undefined) {
      db.close();
      throw new InputError(`${file} is not a critsolve study store (schema ${meta['schema'] ?? 'missing'}, expected ${SCHEMA})`);
    }
    const value = JSON.parse(meta['study']) as Record<string, unknown>;
    return studyFromValue(value, `in ${file}`, { name: String(value['name']), seed: Number(value['seed']) });
  }

  state(arch: number): ArchitectureState {
    const row = this.db.prepare('SELECT bounds, source, done, seconds FROM architectures WHERE arch = ?').get(arch) as
      { bounds: string | null; source: string | null; done: number; seconds: number | null } | undefined;
    if (!row) return { done: false };
    return {
      done: row.done === 1,
      ...(row.bounds ? { bounds: JSON.parse(row.bounds) as BoundsRow } : {}),
      ...(row.source ? { source: JSON.parse(row.source) as SourceRow } : {}),
      ...(row.seconds === null ? {} : { seconds: row.seconds }),
    };
  }

  saveBounds(arch: number, bounds: BoundsRow): void {
    this.db
      .prepare('INSERT INTO architectures (arch, bounds) VALUES (?, ?) ON CONFLICT (arch) DO UPDATE SET bounds = excluded.bounds')
      .run(arch, JSON.stringify(bounds));
  }

  /** The architecture's source solve and every instance, and the mark that it is done: all or nothing. */
  saveArchitecture(arch: number, source: SourceRow, rows: readonly InstanceRow[], seconds: number): void {
    const insert = this.db.prepare('INSERT INTO instances (arch, instance, seed, row) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM instances WHERE arch = ?').run(arch);
      for (const r of rows) insert.run(arch, r.instance, r.seed, JSON.stringify(r));
      this.db
        .prepare(
          'INSERT INTO architectures (arch, source, done, seconds) VALUES (?, ?, 1, ?) ON CONFLICT (arch) DO UPDATE SET source = excluded.source, done = 1, seconds = excluded.seconds',
        )
        .run(arch, JSON.stringify(source), seconds);
    })();
  }

  instances(arch: number): InstanceRow[] {
    const rows = this.db.prepare('SELECT row FROM instances WHERE arch = ? ORDER BY instance').all(arch) as { row: string }[];
    return rows.map((r) => JSON.parse(r.row) as InstanceRow);
  }

  /** Architectures done and instances stored. */
  progress(): { architectures: number; instances: number } {
    const a = this.db.prepare('SELECT COUNT(*) AS n FROM architectures WHERE done = 1').get() as { n: number };
    const i = this.db.prepare('SELECT COUNT(*) AS n FROM instances').get() as { n: number };
    return { architectures: a.n, instances: i.n };
  }

  /**
   * Copies the architectures `other` holds whole and this store lacks (the stores of one
   * study, e.g. those of an array job's tasks): returns how many. A store of another study is
   * refused.
   */
  mergeFrom(other: StudyStore): number {
    if (JSON.stringify(studyToValue(other.study)) !== JSON.stringify(studyToValue(this.study))) {
      throw new InputError(
        `${other.file} holds another study (${other.study.name}: ${describe(other.study)}), not the one in ${this.file} (${this.study.name}: ${describe(this.study)})`,
      );
    }
    let copied = 0;
    for (const k of this.study.architectures.keys()) {
      const theirs = other.state(k);
      if (!theirs.done || this.state(k).done || !theirs.source) continue;
      if (theirs.bounds) this.saveBounds(k, theirs.bounds);
      this.saveArchitecture(k, theirs.source, other.instances(k), theirs.seconds ?? 0);
      copied++;
    }
    return copied;
  }

  close(): void {
    this.db.close();
  }
}

function describe(s: Study): string {
  return `${s.architectures.length} architecture${s.architectures.length === 1 ? '' : 's'} × ${s.instances} instances, seed ${s.seed}`;
}
