// Experiments: one measurement defined once, run two ways — in the emulator (the
// cost table's prediction) and natively (the matching C probe). Plain types only:
// the renderer charts any experiment's halves from these shapes without special cases.

import type { ProbeName } from './probe-types.js';

export type ExperimentId = 'read-sweep' | 'null-syscall' | 'vdso-clock' | 'int80' | 'context-switch' | 'page-fault';
export type ExperimentHalf = 'emulated' | 'native';

export interface ExperimentParam {
  name: string;
  label: string;
  unit: string;
  default: number;
  min: number;
  max: number;
  /** Integer parameters only (iteration counts, sizes). */
  integer: boolean;
}

/** One line (or bar group) on a chart: y against x, with the units of both. */
export interface SeriesSpec {
  /** Stable key shared by both halves (e.g. 'ns-per-byte'), so they line up on one chart. */
  key: string;
  label: string;
  xUnit: string;
  yUnit: string;
}

/** One chart of an experiment: which series it shows (both halves of each) and its axes. */
export interface ChartSpec {
  title: string;
  /** SeriesSpec keys; the series on a second y axis are listed in `y2`. */
  series: string[];
  y2?: string[];
  /** 'log': numeric x on a log axis; 'category': x names an operation or a cost row. */
  x: 'log' | 'linear' | 'category';
  y: 'log' | 'linear';
  /** Stem for exported PNG/CSV files. */
  fileName: string;
}

export interface ExperimentDef {
  id: ExperimentId;
  title: string;
  summary: string;
  params: ExperimentParam[];
  /** The series every result carries (a half may leave one empty, saying why in its notes). */
  series: SeriesSpec[];
  charts: ChartSpec[];
  /** The native probe behind the native half. */
  probe: ProbeName;
}

/** x is a number (a size) or a category name (an operation, a cost row). */
export interface Point {
  x: number | string;
  y: number;
}

export interface Series extends SeriesSpec {
  half: ExperimentHalf;
  points: Point[];
}

/**
 * Per measured operation, what the emulator counted for one operation: each cost
 * event's count (instructions included). Multiplying by a cost table's rows and
 * dividing by its cyclesPerNs gives that table's prediction in ns; calibration fits
 * the table to native figures through these.
 */
export interface OperationCounts {
  /** The native probe's op name this corresponds to (e.g. 'getppid', 'pipe-switch:same-cpu'). */
  op: string;
  counts: Record<string, number>;
}

export interface ExperimentResult {
  id: ExperimentId;
  half: ExperimentHalf;
  params: Record<string, number>;
  series: Series[];
  /** What was measured and how, reduced ranges, what could not be measured. */
  notes: string[];
  /** emulated: which cost table ('default' or 'calibrated <ISO date>'); native: 'native' or 'fallback'. */
  source: string;
  /** Time per operation, by the native probe's op names (both halves use the same names). */
  measured: { op: string; ns: number }[];
  /** emulated only: the event counts behind each measured op. */
  operations?: OperationCounts[];
  /** Set when this half could not run; series are then empty. */
  error?: string;
}

export interface ExperimentProgress {
  runId: number;
  id: ExperimentId;
  half: ExperimentHalf;
  done: number;
  total: number;
}

/** One row of prediction against measurement. */
export interface CalibrationRow {
  experiment: ExperimentId;
  op: string;
  measuredNs: number;
  defaultNs: number;
  calibratedNs: number;
  /** (calibrated - measured) / measured, in percent. */
  errorPct: number;
  defaultErrorPct: number;
  /** True when this measurement was used to fit the table (else it is a held-out check). */
  fitted: boolean;
}

export interface CalibrationReport {
  at: string;
  /** The fitted cost table (the same fields as core's CostTable). */
  table: Record<string, number | boolean>;
  /** Multipliers applied to each row group, and the fitted clock. */
  fit: { cyclesPerNs: number; scales: Record<string, number> };
  rows: CalibrationRow[];
  /** Which native figures came from probe history and which were measured now. */
  notes: string[];
}
