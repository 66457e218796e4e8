/**
 * For clusters without Redis: an sbatch array script that runs a study's units (its
 * architectures, `--unit-range`), each task into a store of its own, and a merge step that
 * gathers them into the study's store. Run with `bash SCRIPT`, it submits the array job and
 * the merge (which waits for the array: --dependency=afterok); under SLURM, each array task
 * runs its range. The same units give the same rows as anywhere else.
 */

export interface SlurmScriptOptions {
  readonly name: string;
  /** The study file the tasks run (written beside the script: the study whole, seed and sampling included). */
  readonly studyFile: string;
  /** Where the script itself is written, for its own instructions. */
  readonly scriptFile: string;
  readonly store: string;
  readonly architectures: number;
  /** Architectures per array task (default 1). */
  readonly perTask?: number;
  /** CPUs per task, and tracking threads of its run (default 1). */
  readonly cpus?: number;
}

/** A word for the shell, quoted where it needs it. */
export const shellQuote = (s: string): string => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

export function slurmScript(o: SlurmScriptOptions): string {
  const perTask = o.perTask ?? 1;
  const cpus = o.cpus ?? 1;
  const tasks = Math.ceil(o.architectures / perTask);
  const job = `critsolve-${o.name.replace(/[^\w.-]+/g, '-')}`;
  return `#!/bin/bash
# critsolve study "${o.name.replace(/["\\$`]/g, '')}" on SLURM: ${o.architectures} architecture${o.architectures === 1 ? '' : 's'} in ${tasks} array task${tasks === 1 ? '' : 's'} (${perTask} each), then one merge.
# Submit with:   bash ${shellQuote(o.scriptFile)}   (bash, not sbatch: it submits the array job and the merge itself)
# Each task writes STORE.units/unit-K.sqlite; the merge gathers them into STORE. Rerun a failed task by
# hand with SLURM_ARRAY_TASK_ID=K SLURM_JOB_ID=manual bash THIS_FILE, then run the merge line below.
# CRITSOLVE is the command that runs critsolve on the nodes (default: npx critsolve, from the project directory).
#SBATCH --job-name=${job}
#SBATCH --cpus-per-task=${cpus}
#SBATCH --output=${o.store}.units/slurm-%A_%a.out
set -euo pipefail
CRITSOLVE=\${CRITSOLVE:-"npx critsolve"}
STUDY=${shellQuote(o.studyFile)}
STORE=${shellQuote(o.store)}
TASKS=${tasks}
PER_TASK=${perTask}
ARCHITECTURES=${o.architectures}
mkdir -p "$STORE.units"
if [ -z "\${SLURM_ARRAY_TASK_ID:-}" ]; then
  array=$(sbatch --parsable --array=1-$TASKS "$0")
  sbatch --dependency=afterok:\${array%%;*} --job-name=${job}-merge --output="$STORE.units/slurm-merge-%j.out" \\
    --wrap "$CRITSOLVE study merge --store '$STORE' '$STORE.units/'unit-*.sqlite"
  echo "submitted array job $array ($TASKS tasks) and the merge into $STORE"
  exit 0
fi
FROM=$(( (SLURM_ARRAY_TASK_ID - 1) * PER_TASK + 1 ))
TO=$(( FROM + PER_TASK - 1 ))
if [ "$TO" -gt "$ARCHITECTURES" ]; then TO=$ARCHITECTURES; fi
$CRITSOLVE study run "$STUDY" --store "$STORE.units/unit-$SLURM_ARRAY_TASK_ID.sqlite" --unit-range "$FROM-$TO" --workers ${cpus} --quiet
`;
}
