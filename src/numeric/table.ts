/**
 * The one plain-text table of every report (the command line's and the library's text
 * summaries): columns two spaces apart, each as wide as its widest cell. It sits in the first
 * stage so that every stage that renders a summary can use it.
 */

export interface TableOptions {
  /** Columns padded on the right (text); the others are right-aligned (numbers). */
  left?: (column: number) => boolean;
  /** A rule of dashes under the header (default true). */
  rule?: boolean;
  /** Rows after a second rule, e.g. the totals. */
  footer?: readonly (readonly string[])[];
}

/** The table as lines joined by newlines, trailing blanks trimmed. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[], options: TableOptions = {}): string {
  const { left = () => false, rule = true, footer = [] } = options;
  const all = [header, ...rows, ...footer];
  const widths = header.map((_, col) => Math.max(...all.map((row) => row[col]!.length)));
  const line = (row: readonly string[]): string =>
    row
      .map((cell, col) => (left(col) ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!)))
      .join('  ')
      .trimEnd();
  const dashes = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), ...(rule ? [dashes] : []), ...rows.map(line), ...(footer.length > 0 ? [dashes, ...footer.map(line)] : [])].join('\n');
}
