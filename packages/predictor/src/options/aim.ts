import type { RuleSpec } from './rule-schema.js';

/**
 * What the top-fraction rules of a configuration aim at, without restating the rule: the share of finished trials
 * whose level a trial must be likely to reach (`fraction`: 0.1 = the top 10%, the default rule's; 0 = the best so
 * far) and the probability below which it is stopped (`delta`).
 */
export interface Aim {
  readonly fraction?: number | undefined;
  readonly delta?: number | undefined;
}

/**
 * The rule with `aim` written into every top-fraction rule it holds (inside `any`/`all` too), or undefined when it
 * holds none. What `aim` leaves out keeps the rule's own value.
 */
export function aimedRule(rule: RuleSpec, aim: Aim): RuleSpec | undefined {
  if (rule.kind === 'top-fraction')
    return {
      ...rule,
      ...(aim.fraction === undefined ? {} : { fraction: aim.fraction }),
      ...(aim.delta === undefined ? {} : { delta: aim.delta }),
    };
  if (rule.kind !== 'any' && rule.kind !== 'all') return undefined;
  let found = false;
  const rules = rule.rules.map((inner) => {
    const aimed = aimedRule(inner, aim);
    if (aimed === undefined) return inner;
    found = true;
    return aimed;
  });
  return found ? { ...rule, rules } : undefined;
}

/** Why an aim is refused: the rule it would apply to (`source` names where that rule came from) holds no top-fraction rule. */
export function aimRefusal(kind: string, source = 'rule kind'): string {
  return `expected a rule holding a top-fraction rule to aim, got ${source} '${kind}' (set its options in the rule instead)`;
}
