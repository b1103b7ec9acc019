/** A one-shot event: `fired` resolves the first time `fire()` is called. */
export class Signal {
  readonly fired: Promise<void>;
  private resolve: () => void = () => undefined;

  constructor() {
    this.fired = new Promise((resolve) => {
      this.resolve = resolve;
    });
  }

  fire(): void {
    this.resolve();
  }
}
