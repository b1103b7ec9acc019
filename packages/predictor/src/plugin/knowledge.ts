import { ExtrapolationCalibration } from '../calibration/calibration.js';
import type { ResolvedCalibration } from '../options/defaults.js';
import type { FinishedTrialInfo } from '../rules/types.js';
import type { AuditRecord } from './audit.js';
import { type PredictorState, parseState } from './state.js';

/**
 * What the predictor learns across trials: the finished trials the rules compare against and the calibration's
 * samples. It is all the predictor's state, so the plugin restores it before it is applied to a run and hands
 * it to the one Predictor that `apply` builds.
 */
export class PredictorKnowledge {
  private list: FinishedTrialInfo[] = [];
  private auditList: AuditRecord[] = [];
  private ids: { list: readonly FinishedTrialInfo[]; set: Set<string> } | undefined;
  readonly calibration: ExtrapolationCalibration | undefined;

  constructor(calibration: ResolvedCalibration | false) {
    this.calibration = calibration === false ? undefined : new ExtrapolationCalibration(calibration);
  }

  get finished(): readonly FinishedTrialInfo[] {
    return this.list;
  }

  /** The audited trials that finished (see audit.ts), one per id. */
  get audits(): readonly AuditRecord[] {
    return this.auditList;
  }

  addAudit(record: AuditRecord): void {
    this.auditList = [...this.auditList.filter((a) => a.id !== record.id), record];
  }

  /** Whether a finished trial of this id is known. */
  has(id: string): boolean {
    return this.finishedIds().has(id);
  }

  /** Adds a finished trial, replacing its namesake (a trial retrained after a resume, a fresh engine's numbering). */
  addFinished(entry: FinishedTrialInfo): void {
    // Rules index the list as it grows (see FinishedIndex): append in place; a replaced trial makes a new list.
    if (this.has(entry.id)) this.list = [...this.list.filter((f) => f.id !== entry.id), entry];
    else this.list.push(entry);
    this.finishedIds().add(entry.id);
  }

  /** The ids in the current finished list (rebuilt when the list is replaced, e.g. by restore). */
  private finishedIds(): Set<string> {
    if (this.ids?.list !== this.list)
      this.ids = { list: this.list, set: new Set(this.list.map((f) => f.id)) };
    return this.ids.set;
  }

  state(): PredictorState {
    return {
      version: 1,
      finished: this.list,
      ...(this.calibration === undefined ? {} : { calibration: this.calibration.state() }),
      ...(this.auditList.length === 0 ? {} : { audits: this.auditList }),
    };
  }

  /** Replaces what was learned by a saved state, checked first (the error names the bad field). */
  restore(state: unknown): void {
    const parsed = parseState(state);
    this.list = parsed.finished.map((f) => ({ ...f, points: f.points.map((p) => ({ ...p })) }));
    this.auditList = (parsed.audits ?? []).map((a) => ({ ...a }));
    if (this.calibration !== undefined && parsed.calibration !== undefined)
      this.calibration.restore(parsed.calibration);
  }
}
