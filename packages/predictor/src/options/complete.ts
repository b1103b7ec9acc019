/** The options a partial object leaves out (or sets to `undefined`), filled from `defaults`. */
export type Completed<T> = { readonly [K in keyof T]-?: Exclude<T[K], undefined> };

/**
 * `defaults` overridden by every field `partial` sets to something other than `undefined`: how a layer with its
 * own public partial options (the calibration, the fit) settles them from one table of defaults, with no
 * scattered `??`.
 */
export function completed<T extends object>(
  defaults: Completed<T>,
  partial: { readonly [K in keyof T]?: T[K] | undefined } = {},
): Completed<T> {
  const result: Record<string, unknown> = { ...defaults };
  for (const [key, value] of Object.entries(partial)) if (value !== undefined) result[key] = value;
  return result as Completed<T>;
}
