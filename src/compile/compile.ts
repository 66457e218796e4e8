/**
 * Compiling a polynomial system into fast evaluators: System → Program (plain data) →
 * generated JavaScript. A worker receives the Program and calls compileProgram on it.
 */
import type { System } from '../poly/system.js';
import { instantiate } from './codegen.js';
import { buildProgram, validateProgram, type Program } from './program.js';
import type { CompiledSystem } from './types.js';

export { buildProgram, type Program };

/** Compiles F, ∂F/∂x and ∂F/∂p of a system. */
export function compileSystem(system: System): CompiledSystem {
  return instantiate(buildProgram(system));
}

/**
 * Compiles a program built by buildProgram, possibly in another thread or process. The
 * program is checked first, so a malformed or tampered object is refused with an InputError.
 */
export function compileProgram(program: unknown): CompiledSystem {
  return instantiate(validateProgram(program));
}
