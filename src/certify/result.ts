/**
 * Certification of a solve's result: every regular solution gets a Krawczyk test; the counts
 * of certified, certified distinct and certified real solutions join the result's counts, and
 * each solution carries its certificate (a box with center and radius) or the reason it has
 * none. Singular endpoints cannot be certified by Krawczyk's method and are left out.
 */
import type { System } from '../poly/system.js';
import type { SolveResult } from '../solve/result.js';
import { certifySolutions, type CertifiedSolution, type CertifyCounts } from './certify.js';
import { toPairs } from '../numeric/complex.js';

export interface Certification {
  readonly counts: CertifyCounts;
  /** Per solution of the result, in its order; undefined for singular ones. */
  readonly certificates: (CertifiedSolution | undefined)[];
  readonly seconds: number;
}

export function certifyResult(system: System, result: SolveResult): Certification {
  const began = performance.now();
  const regular = result.solutions.flatMap((s, k) => (s.kind === 'regular' ? [k] : []));
  const certified = certifySolutions(
    system,
    regular.map((k) => result.solutions[k]!.x),
  );
  const certificates: (CertifiedSolution | undefined)[] = result.solutions.map(() => undefined);
  regular.forEach((k, j) => (certificates[k] = certified.solutions[j]));
  return { counts: certified.counts, certificates, seconds: (performance.now() - began) / 1000 };
}

/** A solution's certificate in the result JSON. */
export interface CertificateJSON {
  certified: boolean;
  reason?: string;
  real?: CertifiedSolution['real'];
  box?: { center: [number, number][]; radius: number };
  duplicateOf?: number;
}

/** The counts certification adds to a result's counts. */
export interface CertifiedCountsJSON {
  certified: number;
  certifiedDistinct: number;
  certifiedReal: number;
  uncertified: number;
}

/** The certificate of one solution as JSON: box center and radius, realness, or the reason. */
export function certificateToJSON(c: CertifiedSolution | undefined): CertificateJSON {
  if (!c) return { certified: false, reason: 'singular: Krawczyk certificates need a nonsingular Jacobian' };
  return {
    certified: c.certified,
    ...(c.reason ? { reason: c.reason } : {}),
    real: c.real,
    ...(c.box ? { box: { center: toPairs(c.box.center), radius: c.box.radius } } : {}),
    ...(c.duplicateOf === undefined ? {} : { duplicateOf: c.duplicateOf }),
  };
}

/** A result JSON with its certification: counts.certified, …, and a certificate per solution. */
export type CertifiedJSON<J extends { counts: object; solutions: readonly object[] }> = Omit<J, 'counts' | 'solutions'> & {
  counts: J['counts'] & CertifiedCountsJSON;
  solutions: (J['solutions'][number] & { certificate: CertificateJSON })[];
  certificationSeconds: number;
};

/** Adds the certification to a result's JSON (counts.certified, counts.certifiedReal, …). */
export function withCertification<J extends { counts: object; solutions: readonly object[] }>(json: J, c: Certification): CertifiedJSON<J> {
  return {
    ...json,
    counts: {
      ...json.counts,
      certified: c.counts.certified,
      certifiedDistinct: c.counts.certifiedDistinct,
      certifiedReal: c.counts.certifiedReal,
      uncertified: c.counts.uncertified,
    },
    solutions: json.solutions.map((s, k) => ({ ...s, certificate: certificateToJSON(c.certificates[k]) })),
    certificationSeconds: c.seconds,
  } as CertifiedJSON<J>;
}

/** One line for the human summary, with the reasons of failures counted. */
export function formatCertification(c: Certification): string {
  const reasons = new Map<string, number>();
  for (const s of c.certificates) if (s && !s.certified) reasons.set(s.reason ?? 'unknown', (reasons.get(s.reason ?? 'unknown') ?? 0) + 1);
  const why = [...reasons].map(([r, n]) => `${n} ${r}`).join(', ');
  const { certified, certifiedDistinct, certifiedReal, uncertified } = c.counts;
  return `certified ${certified} (distinct ${certifiedDistinct}, real ${certifiedReal}), uncertified ${uncertified}${why ? ` (${why})` : ''}, ${c.seconds.toFixed(2)} s`;
}
