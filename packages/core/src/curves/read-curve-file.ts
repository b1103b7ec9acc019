import { readFile } from 'node:fs/promises';
import { PenguinError } from '../errors.js';
import type { DecisionValue, Genome } from '../types.js';

/** One recorded learning curve of the shared JSONL format. */
export interface CurveRecord {
  readonly id: string;
  readonly epochs: readonly number[];
  /** Every metric array, as long as `epochs`; `null` marks a value that was not finite in the source. */
  readonly metrics: Readonly<Record<string, readonly (number | null)[]>>;
  readonly genome?: Genome;
  /** Any other fields of the line (plain JSON). */
  readonly extra: Readonly<Record<string, unknown>>;
}

function fail(file: string, line: number, message: string): never {
  throw new PenguinError('CURVE_FILE_ERROR', `${file}:${line}: ${message}`);
}

function isDecisionValue(value: unknown): value is DecisionValue {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/**
 * Parses one line of a curve file: `{ "id": string, "epochs": number[], <metric>: (number|null)[], "genome"?: {…}, … }`.
 * Arrays of numbers (or nulls) as long as `epochs` are metrics; everything else goes to `extra`.
 */
export function parseCurveLine(text: string, file: string, line: number): CurveRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    fail(file, line, `expected a JSON object, got invalid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(file, line, `expected a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`);
  }
  const raw = value as Record<string, unknown>;
  const id = raw.id;
  if (typeof id !== 'string' && typeof id !== 'number')
    fail(file, line, `expected "id" to be a string, got ${JSON.stringify(id)}`);
  const epochs = raw.epochs;
  if (
    !Array.isArray(epochs) ||
    epochs.length === 0 ||
    !epochs.every((e) => typeof e === 'number' && Number.isFinite(e))
  ) {
    fail(file, line, `expected "epochs" to be a non-empty array of finite numbers (record ${id})`);
  }
  const metrics: Record<string, (number | null)[]> = {};
  const extra: Record<string, unknown> = {};
  let genome: Genome | undefined;
  for (const [key, field] of Object.entries(raw)) {
    if (key === 'id' || key === 'epochs') continue;
    if (key === 'genome') {
      if (typeof field !== 'object' || field === null || Array.isArray(field)) {
        fail(file, line, `expected "genome" to be an object of decision values (record ${id})`);
      }
      for (const [name, v] of Object.entries(field)) {
        if (!isDecisionValue(v))
          fail(file, line, `genome.${name}: expected a string, number or boolean, got ${JSON.stringify(v)}`);
      }
      genome = field as Genome;
      continue;
    }
    const isSeries = Array.isArray(field) && field.every((v) => v === null || typeof v === 'number');
    if (isSeries && field.length === epochs.length) {
      metrics[key] = field.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : null));
    } else if (isSeries && field.length !== epochs.length && field.length > 1) {
      fail(
        file,
        line,
        `metric "${key}" has ${field.length} values but "epochs" has ${epochs.length} (record ${id})`,
      );
    } else {
      extra[key] = field;
    }
  }
  if (Object.keys(metrics).length === 0)
    fail(file, line, `expected at least one metric array as long as "epochs" (record ${id})`);
  const record: CurveRecord = { id: String(id), epochs, metrics, extra };
  return genome ? { ...record, genome } : record;
}

/** Parses a whole curve file's text. Blank lines are skipped; ids must be unique. */
export function parseCurveText(text: string, file: string): CurveRecord[] {
  const records: CurveRecord[] = [];
  const ids = new Set<string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const trimmed = (lines[i] as string).trim();
    if (trimmed === '') continue;
    const record = parseCurveLine(trimmed, file, i + 1);
    if (ids.has(record.id)) fail(file, i + 1, `duplicate id ${JSON.stringify(record.id)}`);
    ids.add(record.id);
    records.push(record);
  }
  if (records.length === 0)
    throw new PenguinError('CURVE_FILE_ERROR', `${file}: expected at least one curve, found none`);
  return records;
}

/** Reads a JSONL curve file (see ../shared/data/curves/README.md). Errors name the file and line. */
export async function readCurveFile(file: string): Promise<CurveRecord[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new PenguinError(
      'CURVE_FILE_ERROR',
      `${file}: cannot read the curve file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
      {
        cause: error,
      },
    );
  }
  return parseCurveText(text, file);
}
