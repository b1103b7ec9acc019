import { exp3 } from './exp3.js';
import { exp4 } from './exp4.js';
import { hill3 } from './hill3.js';
import { ilog2 } from './ilog2.js';
import { janoschek } from './janoschek.js';
import { logPower } from './log-power.js';
import { loglogLinear } from './loglog-linear.js';
import { logxLinear } from './logx-linear.js';
import { mmf } from './mmf.js';
import { peng4nn } from './peng4nn.js';
import { pow3 } from './pow3.js';
import { pow4 } from './pow4.js';
import type { CurveModel } from './types.js';
import { vap } from './vap.js';
import { weibull } from './weibull.js';

export { type FormulaModelSpec, modelFromFormula } from './formula.js';
export { type CurveModel, clampFinite, defineModel, safeExp, safeLog, safePow } from './types.js';
export {
  exp3,
  exp4,
  hill3,
  ilog2,
  janoschek,
  loglogLinear,
  logPower,
  logxLinear,
  mmf,
  peng4nn,
  pow3,
  pow4,
  vap,
  weibull,
};

/** Names of the built-in curve families (ALGORITHMS §2). */
export type BuiltinModelName =
  | 'peng4nn'
  | 'pow3'
  | 'pow4'
  | 'log_power'
  | 'weibull'
  | 'mmf'
  | 'janoschek'
  | 'exp3'
  | 'exp4'
  | 'vap'
  | 'hill3'
  | 'ilog2'
  | 'loglog_linear'
  | 'logx_linear';

/** Every built-in family by name. `peng4nn` is the default. */
export const builtinModels: Readonly<Record<BuiltinModelName, CurveModel>> = Object.freeze({
  peng4nn,
  pow3,
  pow4,
  log_power: logPower,
  weibull,
  mmf,
  janoschek,
  exp3,
  exp4,
  vap,
  hill3,
  ilog2,
  loglog_linear: loglogLinear,
  logx_linear: logxLinear,
});

export const builtinModelNames: readonly BuiltinModelName[] = Object.freeze(
  Object.keys(builtinModels) as BuiltinModelName[],
);

/** Whether a string names a built-in family. */
export function isBuiltinModelName(name: string): name is BuiltinModelName {
  return Object.hasOwn(builtinModels, name);
}
