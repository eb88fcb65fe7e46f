// The experiment.measure worker operation's request and reply (host ↔ core worker).

export interface MeasureRequest {
  /** File name stem for messages and the guest's argv[0]. */
  name: string;
  source: string;
  /** The cost table the machine runs with. */
  costs: Record<string, number | boolean>;
}

export interface MeasureReply {
  /** Occurrences of each cost event over the whole run (instructions included). */
  counts: Record<string, number>;
  /** Cycles charged per cost event. */
  cycles: Record<string, number>;
  totalCycles: number;
  tlbMisses: number;
  contextSwitches: number;
  timerInterrupts: number;
}
