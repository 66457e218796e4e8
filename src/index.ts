/**
 * critsolve: every complex critical point of a polynomial loss, by polynomial homotopy
 * continuation. This file is the public API and the only door into the library; it is laid
 * out in pipeline order.
 */
export { InputError, ParseError } from './errors.js';

// numbers
export { Random } from './numeric/rng.js';
export { fromPairs, toPairs } from './numeric/complex.js';

// polynomials
export { Polynomial, type Term } from './poly/polynomial.js';
export { PolyMatrix } from './poly/matrix.js';
export { makeSystem, degrees, bezoutNumber, type System } from './poly/system.js';
export { parseSystem } from './poly/parse.js';
export { parsePhc } from './poly/phc.js';
export { readSystemFile, readSystemText } from './poly/read.js';
export { writePhc, writeBertini, writeJulia, writeText } from './poly/write.js';

// compile
export { compileSystem, compileProgram, buildProgram, type Program } from './compile/compile.js';
export type { CompiledSystem } from './compile/types.js';

// linear algebra
export { ComplexLU } from './linalg/lu.js';

// homotopies and tracking
export { TotalDegreeStart } from './homotopy/totalDegree.js';
export { StraightLineHomotopy } from './homotopy/straightLine.js';
export { ProjectiveHomotopy, homogenize } from './homotopy/projective.js';
export type { Homotopy, StartSystem } from './homotopy/types.js';
export { PathTracker } from './track/tracker.js';
export { presets, type PresetName, type TrackerPreset, type TrackerLimits } from './track/presets.js';
export type { PathResult, ReturnCode } from './track/pathResult.js';

// solving
export { solve, type SolveOptions, type SolveProgress } from './solve/solve.js';
export { resultToJSON, formatSummary, type SolveResult, type Solution, type Counts } from './solve/result.js';

// bounds
export { rootCountBounds, mixedVolume, stableMixedVolume, multihomogeneousBezout, bestMultihomogeneousBound } from './bounds/index.js';

// certification
export { certifySolutions } from './certify/certify.js';

// networks
export { linearNetwork, lossAt, weightNames, type LinearNetwork, type LinearNetworkOptions } from './network/model.js';
export { loadNetworkSpec, parseNetworkSpec } from './network/spec.js';
export { classifyPoints, summarize, renderSummary, hessianAt } from './network/classify.js';
export { solveNetwork, networkResultToJSON, type NetworkResult } from './network/solveNetwork.js';

// start systems and bound reports
export { MultihomogeneousStart, multihomogeneousStart } from './homotopy/multihomogeneous.js';
export { formatBounds, formatBoundsComparison, boundsToJSON, type BoundsReport, type BoundsJSON } from './bounds/report.js';

// parameter homotopies and monodromy
export { ParameterHomotopy } from './homotopy/parameter.js';
export { fixParameters } from './compile/fixed.js';
export { monodromySolve } from './solve/monodromy.js';
export { traceTest, traceResidual, traceTestObstacle, type TraceTestResult } from './solve/traceTest.js';
export { trackToParameters } from './solve/trackParameters.js';
export { networkMonodromy } from './network/monodromy.js';
export { parametrizeNetwork, dataParametrizedSystem, dataParameters, networkFamily } from './network/families.js';
export { networkInstances, instancesToJSON, type InstancesResult } from './network/instances.js';

// certification of results
export { certifyResult, withCertification, formatCertification } from './certify/result.js';
