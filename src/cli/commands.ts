/** The list of commands; each lives in its own file and returns a commander Command. */
import type { Command } from 'commander';
import { boundsCommand } from './bounds.js';
import { descentCommand } from './descent.js';
import { diagramCommand } from './diagram.js';
import { networkCommand } from './network.js';
import { solveCommand } from './solve.js';
import { studyCommand } from './study.js';
import { workerCommand } from './worker.js';

export const commands: Array<() => Command> = [solveCommand, networkCommand, boundsCommand, studyCommand, diagramCommand, descentCommand, workerCommand];
