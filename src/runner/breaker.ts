// The circuit breaker: the one place that counts system faults in a row (across all rows and
// workers) and words the stop. A step that ends well closes it again; a session expiry, a
// business refusal or a stop are not faults of the Navigator and are not counted.

export class Breaker {
  private consecutive = 0;
  private reason: string | undefined;

  constructor(private readonly limit: number) {}

  /** A step ended well: the Navigator answers. */
  success(): void {
    if (!this.reason) this.consecutive = 0;
  }

  /** A system fault (a failed attempt). Returns the stop's wording when this fault trips the breaker. */
  fault(): string | undefined {
    if (this.reason) return undefined;
    this.consecutive++;
    if (this.consecutive < this.limit) return undefined;
    this.reason = `Навигатор не отвечает: ${this.consecutive} сбоев подряд. Прогон остановлен; запустите позже — navbot продолжит с того же места.`;
    return this.reason;
  }

  get tripped(): boolean {
    return this.reason !== undefined;
  }

  get faults(): number {
    return this.consecutive;
  }
}
