/**
 * critsolve: every complex critical point of a polynomial loss, by polynomial homotopy
 * continuation. This file is the public API and the only door into the library; it is laid
 * out in pipeline order (ARCHITECTURE.md), each stage's exports documented where they are
 * defined. Start with `solve` (a system or its text) and `solveNetwork`.
 */
export { InputError, ParseError } from './errors.js';

// numbers: seeded random streams (one per kind of choice), complex vectors
export { Random, STREAMS, randomSeed } from './numeric/rng.js';
export {
  parseSampling,
  parseDistribution,
  formatSampling,
  draw,
  DEFAULT_SAMPLING,
  SAMPLING_PRESETS,
  type Sampling,
  type Distribution,
} from './numeric/distributions.js';
export { fromPairs, toPairs, isReal } from './numeric/complex.js';

// polynomials: sparse polynomials, systems, reading and writing the formats of peers
export { Polynomial, type Term } from './poly/polynomial.js';
export { PolyMatrix } from './poly/matrix.js';
export { makeSystem, degrees, bezoutNumber, type System } from './poly/system.js';
export { parseSystem } from './poly/parse.js';
export { parsePhc } from './poly/phc.js';
export { readSystemFile, readSystemText } from './poly/read.js';
export { writePhc, writeBertini, writeJulia, writeText } from './poly/write.js';

// bounds: Bézout, multihomogeneous Bézout, mixed volume (BKK)
export { rootCountBounds, mixedVolume, stableMixedVolume, multihomogeneousBezout, bestMultihomogeneousBound } from './bounds/index.js';
export { formatBounds, formatBoundsComparison, boundsToJSON, type BoundsReport, type BoundsJSON } from './bounds/report.js';

// compile: straight-line programs and generated evaluators
export { compileSystem, compileProgram, buildProgram, type Program } from './compile/compile.js';
export { fixParameters } from './compile/fixed.js';
export type { CompiledSystem } from './compile/types.js';

// linear algebra
export { ComplexLU } from './linalg/lu.js';

// homotopies and start systems
export { TotalDegreeStart } from './homotopy/totalDegree.js';
export { MultihomogeneousStart, multihomogeneousStart } from './homotopy/multihomogeneous.js';
export { StraightLineHomotopy } from './homotopy/straightLine.js';
export { ProjectiveHomotopy, homogenize } from './homotopy/projective.js';
export { ParameterHomotopy } from './homotopy/parameter.js';
export type { Homotopy, StartSystem } from './homotopy/types.js';

// tracking: one path, its result, return code and cause
export { PathTracker } from './track/tracker.js';
export { presets, type PresetName, type TrackerPreset, type TrackerLimits } from './track/presets.js';
export {
  CAUSE_WORDS,
  PATH_CAUSES,
  reasonFor,
  type PathResult,
  type ReturnCode,
  type PathCause,
  type FailureCause,
  type InfinityCause,
} from './track/pathResult.js';

// paths: the start systems' names
export type { StartKindName } from './paths/job.js';

// parallel: the checkpoint format
export { CHECKPOINT_SCHEMA, type CheckpointHeader } from './parallel/checkpoint.js';

// solving: solve, monodromy, parameter homotopies, and the one result model
export { solve, type SolveOptions, type SolveProgress, type StartChoice } from './solve/solve.js';
export {
  resultToJSON,
  solutionToJSON,
  pathToJSON,
  formatSummary,
  completeness,
  nonsingular,
  singularSolutions,
  realSolutions,
  coordinates,
  failedPaths,
  type SolveResult,
  type Solution,
  type SolutionKind,
  type Counts,
  type Completeness,
  type CrossCheck,
  type MonodromySummary,
  type ResultJSON,
  type SolutionJSON,
  type PathJSON,
  type CrossCheckJSON,
  type ComplexJSON,
} from './solve/result.js';
export { monodromySolve, type MonodromyOptions, type MonodromyResult } from './solve/monodromy.js';
export { monodromySolveResult, formatMonodromySummary } from './solve/monodromyResult.js';
export { coefficientFamily, type Family } from './solve/crossCheck.js';
export { traceTest, type TraceTestResult } from './solve/traceTest.js';
export { lineTraceTest, type LineTraceOptions, type LineTraceResult } from './solve/lineTrace.js';
export { trackToParameters } from './solve/trackParameters.js';

// certification
export { certifySolutions } from './certify/certify.js';
export { certifyResult, withCertification, formatCertification, type Certification, type CertificateJSON, type CertifiedJSON } from './certify/result.js';

// decomposition: witness sets of positive-dimensional solution sets
export { decompose, type Decomposition, type DecomposeOptions, type WitnessComponent } from './decompose/decompose.js';

// networks: the model, its families and component engine, solving and classifying
export { linearNetwork, lossAt, weightNames, type LinearNetwork, type LinearNetworkOptions } from './network/model.js';
export { loadNetworkSpec, parseNetworkSpec, networkSpec } from './network/spec.js';
export { planNetwork, type NetworkPlan, type NetworkMethod } from './network/plan.js';
export { lambdaFamily, dataFamily, networkFamily, signInvariants, type ComponentFamily } from './network/families.js';
export type { MonodromyComponent } from './network/components.js';
export { classifyPoints, renderSummary, hessianAt, productRank } from './network/classify.js';
export { networkCriticalSets, criticalSetToJSON, type CriticalSet, type CriticalSetJSON, type NetworkDecomposition } from './network/criticalSets.js';
export { networkMonodromy, type NetworkMonodromyResult } from './network/networkMonodromy.js';
export { solveNetwork, type NetworkResult } from './network/solveNetwork.js';
export { networkResultToJSON, type NetworkResultJSON, type CriticalPointJSON, type NetworkSpecJSON } from './network/networkJson.js';
export { networkInstances, instancesToJSON, type InstancesResult, type InstancesJSON } from './network/instances.js';

// Studies and their report.
export { studyFromValue, loadStudyFile, studyToValue, type Study, type StudyArchitecture, type Published } from './study/spec.js';
export { studyPreset, STUDY_PRESETS } from './study/presets.js';
export { StudyStore, type InstanceRow, type BoundsRow } from './study/store.js';
export { runStudy, type RunStudyOptions, type StudyProgress, type ArchitectureResult } from './study/run.js';
export { studyRows, studyCsv, studyJson, type ArchitectureRow } from './study/table.js';
export { studyReport } from './report/html.js';
export { lambdaDiagram, type DiagramOptions, type DiagramResult, type DiagramEvent } from './dynamics/diagram.js';
export { gradientDescent, gradientFlow, type DescentOptions, type DescentResult, type FlowOptions, type FlowResult, type Plateau } from './dynamics/descent.js';
export { landmarksOf, landmarksFromFile, type Landmark } from './dynamics/landmarks.js';
export { initialWeights, saxeHalfTime, halfLearningTimes, type Initialization, type HalfLearning } from './dynamics/saxe.js';
export type { QueueProgress, RunOnQueueOptions } from './queue/coordinator.js';
export { runStudyOnQueue } from './queue/studyOnQueue.js';
export { solveOnQueue } from './queue/solveOnQueue.js';
export { runQueueWorker, type QueueWorkerOptions } from './queue/worker.js';
export { renderSvg, realHistogramPlot, boundsPlot, lossPlot } from './report/plots.js';
