import { resolve } from 'node:path';
import { displayPath } from './display-path.js';
import { type CliIO, EXIT } from './io.js';

export interface ReportCommandOptions {
  /** Where to write the HTML (default: <dir>/report.html). */
  readonly out?: string;
}

/** `penguin report <dir>`: one self-contained HTML file (charts as inline SVG) for a finished or running run. */
export async function reportCommand(
  dirArgument: string,
  options: ReportCommandOptions,
  io: CliIO,
): Promise<number> {
  // Vega loads only for this command.
  const { writeReport } = await import('@penguin-nas/report');
  const dir = resolve(io.cwd, dirArgument);
  const file = await writeReport(dir, ...(options.out === undefined ? [] : [resolve(io.cwd, options.out)]));
  io.stdout.write(`Report: ${displayPath(file, io.cwd)}\n`);
  return EXIT.ok;
}
