/** One dependency the health endpoint checks (cosmos, storage, service bus, mail). */
export interface HealthProbe {
  readonly name: string;
  /** Resolves when the dependency answered; rejects with the reason otherwise. */
  check(): Promise<void>;
}
