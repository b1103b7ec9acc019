import { derivative, type EvalFunction, type MathNode, parse } from 'mathjs';
import { type CurveModel, defineModel } from './types.js';

/** A user's curve family as a formula in `x`, e.g. `a - b^(c - x)` (JSON/YAML configs). */
export interface FormulaModelSpec {
  readonly name?: string;
  readonly formula: string;
  readonly params: readonly {
    readonly name: string;
    readonly initial: number;
    readonly lower?: number;
    readonly upper?: number;
  }[];
  /** Units the starts and bounds are written for: 1 (fractions, default) or 100 (percent). */
  readonly scale?: number;
}

/** Functions a formula may call: plain real maths, nothing that parses, evaluates or defines. */
const ALLOWED_FUNCTIONS = new Set([
  'exp',
  'expm1',
  'log',
  'log1p',
  'log2',
  'log10',
  'sqrt',
  'cbrt',
  'abs',
  'pow',
  'sign',
  'min',
  'max',
  'sin',
  'cos',
  'tan',
  'atan',
  'tanh',
  'sinh',
  'cosh',
  'erf',
]);
const ALLOWED_NODES = new Set([
  'ConstantNode',
  'SymbolNode',
  'OperatorNode',
  'ParenthesisNode',
  'FunctionNode',
]);
const CONSTANTS = new Set(['e', 'pi']);

/**
 * Bounds on a formula, so a hostile or careless one fails at config load instead of taking minutes (symbolic
 * derivatives grow with nesting and products) or overflowing the stack. Real curve families fit well inside them.
 */
export const FORMULA_LIMITS = Object.freeze({
  /** Characters of the formula string. */
  characters: 500,
  /** Nesting of parentheses and calls. */
  parentheses: 12,
  /** Depth of the parsed expression tree (a parenthesis level can add two). */
  depth: 32,
  /** Nodes of the parsed expression. */
  nodes: 200,
  /** Nodes of each partial derivative (checked as each is taken, without simplification). */
  derivativeNodes: 500,
});

/** At most this many characters of a formula are shown in an error. */
const SHOWN_CHARACTERS = 80;

function formulaError(formula: string, problem: string): Error {
  const shown = formula.length > SHOWN_CHARACTERS ? `${formula.slice(0, SHOWN_CHARACTERS)}…` : formula;
  return new RangeError(`curve formula '${shown}': ${problem}`);
}

/** Refuses a formula longer or more deeply nested than the limits, before mathjs parses it (recursively). */
function checkSize(formula: string): void {
  const { characters, parentheses } = FORMULA_LIMITS;
  if (formula.length > characters) {
    throw formulaError(formula, `expected at most ${characters} characters, got ${formula.length}`);
  }
  let open = 0;
  let deepest = 0;
  for (const char of formula) {
    if (char === '(' || char === '[') deepest = Math.max(deepest, ++open);
    else if (char === ')' || char === ']') open--;
  }
  if (deepest > parentheses) {
    throw formulaError(formula, `expected parentheses nested at most ${parentheses} deep, got ${deepest}`);
  }
}

/** Nodes and depth of an expression tree. */
function treeSize(tree: MathNode): { nodes: number; depth: number } {
  let nodes = 0;
  let depth = 0;
  const visit = (node: MathNode, level: number): void => {
    nodes++;
    depth = Math.max(depth, level);
    node.forEach((child) => {
      visit(child, level + 1);
    });
  };
  visit(tree, 1);
  return { nodes, depth };
}

/** Refuses a parsed formula with more nodes or depth than the limits. */
function checkTree(formula: string, tree: MathNode): void {
  const size = treeSize(tree);
  if (size.nodes > FORMULA_LIMITS.nodes) {
    throw formulaError(
      formula,
      `expected at most ${FORMULA_LIMITS.nodes} terms (expression nodes), got ${size.nodes}`,
    );
  }
  if (size.depth > FORMULA_LIMITS.depth) {
    throw formulaError(
      formula,
      `expected an expression nested at most ${FORMULA_LIMITS.depth} deep, got ${size.depth}`,
    );
  }
}

/**
 * The partial derivative in `name`, unsimplified (mathjs's simplify can take minutes on a nested formula), refused
 * when it grows past the limit: its cost is paid at every point of every fit.
 */
function partialDerivative(formula: string, tree: MathNode, name: string): EvalFunction | undefined {
  let partial: MathNode;
  try {
    partial = derivative(tree, name, { simplify: false });
  } catch {
    // mathjs cannot differentiate every allowed function: the fit uses finite differences instead.
    return undefined;
  }
  const { nodes } = treeSize(partial);
  if (nodes > FORMULA_LIMITS.derivativeNodes) {
    throw formulaError(
      formula,
      `its derivative in ${name} has ${nodes} terms (expression nodes), expected at most ${FORMULA_LIMITS.derivativeNodes}; write a simpler formula (fewer factors or less nesting)`,
    );
  }
  return partial.compile();
}

/** Parses and checks a formula: only `x`, the parameters, `e`, `pi` and the allowed functions. */
function checkedTree(formula: string, paramNames: readonly string[]): MathNode {
  checkSize(formula);
  let tree: MathNode;
  try {
    tree = parse(formula);
  } catch (error) {
    throw formulaError(formula, `syntax error: ${(error as Error).message}`);
  }
  checkTree(formula, tree);
  const known = new Set(['x', ...paramNames]);
  const used = new Set<string>();
  const unknown: string[] = [];
  tree.traverse((node, path, parent) => {
    if (!ALLOWED_NODES.has(node.type)) {
      unknown.push(`${node.type} '${node.toString()}' (only arithmetic and function calls are allowed)`);
      return;
    }
    if (node.type === 'FunctionNode' && (node as unknown as { fn: MathNode }).fn.type !== 'SymbolNode') {
      unknown.push(`call '${node.toString()}'`);
    }
    if (node.type !== 'SymbolNode') return;
    const name = (node as unknown as { name: string }).name;
    if (parent?.type === 'FunctionNode' && path === 'fn') {
      if (!ALLOWED_FUNCTIONS.has(name)) unknown.push(`function '${name}'`);
      return;
    }
    if (known.has(name)) used.add(name);
    else if (!CONSTANTS.has(name)) unknown.push(`symbol '${name}'`);
  });
  if (unknown.length > 0) {
    throw formulaError(
      formula,
      `unknown ${[...new Set(unknown)].join(', ')}; expected x, the parameters [${paramNames.join(', ')}], e, pi and ${[...ALLOWED_FUNCTIONS].join('/')}`,
    );
  }
  if (!used.has('x')) throw formulaError(formula, `the formula does not use x`);
  const missing = paramNames.filter((p) => !used.has(p));
  if (missing.length > 0) {
    throw formulaError(formula, `parameter(s) ${missing.join(', ')} do not appear in the formula`);
  }
  return tree;
}

/** Evaluates a compiled expression as a real number (complex results, e.g. log of a negative, become NaN). */
function realEvaluator(code: EvalFunction, paramNames: readonly string[], p: readonly number[]) {
  const scope: Record<string, number> = { x: 0 };
  paramNames.forEach((name, i) => {
    scope[name] = p[i] as number;
  });
  return (x: number): number => {
    scope.x = x;
    const value: unknown = code.evaluate(scope);
    return typeof value === 'number' ? value : Number.NaN;
  };
}

/**
 * Compiles a formula with mathjs (never `eval`) into a curve model, with a symbolic Jacobian from mathjs's
 * `derivative` (finite differences are used if one of the derivatives cannot be taken). Throws a RangeError
 * naming the formula and the problem: syntax errors, unknown symbols or functions, parameters that the
 * formula does not use, duplicate names, bounds that do not contain the start value, a formula or derivative
 * beyond `FORMULA_LIMITS`.
 */
export function modelFromFormula(spec: FormulaModelSpec): CurveModel {
  const { formula } = spec;
  if (typeof formula !== 'string' || formula.trim() === '') {
    throw formulaError(String(formula), 'expected a non-empty formula string');
  }
  const names = spec.params.map((p) => p.name);
  if (names.length === 0) throw formulaError(formula, 'expected at least one parameter, got none');
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw formulaError(formula, `parameter '${duplicate}' is declared twice`);
  const reserved = names.find((n) => n === 'x' || CONSTANTS.has(n) || ALLOWED_FUNCTIONS.has(n));
  if (reserved !== undefined) {
    throw formulaError(
      formula,
      `'${reserved}' cannot be a parameter name (it is x, a constant or a function)`,
    );
  }
  for (const p of spec.params) {
    const lower = p.lower ?? Number.NEGATIVE_INFINITY;
    const upper = p.upper ?? Number.POSITIVE_INFINITY;
    if (!Number.isFinite(p.initial) || !(lower <= p.initial && p.initial <= upper)) {
      throw formulaError(
        formula,
        `parameter ${p.name}: expected lower <= initial <= upper with a finite initial, got ${lower}, ${p.initial}, ${upper}`,
      );
    }
  }
  const tree = checkedTree(formula, names);
  const code = tree.compile();
  const each = names.map((name) => partialDerivative(formula, tree, name));
  const partials = each.every((d) => d !== undefined) ? each : undefined;
  const model: CurveModel = {
    name: spec.name ?? formula,
    params: names,
    initial: spec.params.map((p) => p.initial),
    lower: spec.params.map((p) => p.lower ?? Number.NEGATIVE_INFINITY),
    upper: spec.params.map((p) => p.upper ?? Number.POSITIVE_INFINITY),
    scale: spec.scale ?? 1,
    fn: (p) => realEvaluator(code, names, p),
  };
  if (partials === undefined) return defineModel(model);
  const compiledPartials = partials;
  return defineModel({
    ...model,
    jacobian: (p) => {
      const each = compiledPartials.map((d) => realEvaluator(d, names, p));
      return (x) => each.map((d) => d(x));
    },
  });
}
