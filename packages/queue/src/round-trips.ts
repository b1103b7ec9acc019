/** Round-trip times of validation points (send → answer), kept for the agent's summary line. */
export class RoundTrips {
  private readonly samples: number[] = [];
  private timeouts = 0;
  private count = 0;

  /** `ms` from sending a validation point to its answer; `answered` false when the wait timed out. */
  add(ms: number, answered: boolean): void {
    this.count++;
    if (!answered) this.timeouts++;
    else if (this.samples.length < 100_000) this.samples.push(ms);
  }

  /** `N validation points, round trip p50 … ms, p99 … ms, M timed out (continued)`. */
  summary(): string {
    const sorted = [...this.samples].sort((a, b) => a - b);
    const at = (q: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
    return `${this.count} validation points, round trip p50 ${at(0.5).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms, ${this.timeouts} timed out (continued)`;
  }
}
