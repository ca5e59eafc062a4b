/** One dependency the health endpoint checks (cosmos, storage, service bus, mail). */
export interface HealthProbe {
  readonly name: string;
  /** Resolves when the dependency answered (optionally with a note, e.g. that it is switched off); rejects with the reason otherwise. */
  check(): Promise<void | string>;
}
