// Types for the test of the bench harness (tests/bench-harness.test.ts).
export interface BenchTarget {
  what: string;
  value: string;
  pass: boolean;
}
export interface BenchReport {
  result: { machine: { cores: number; cpu: string | null; node: string }; quick: boolean } & Record<string, unknown>;
  /** Arrays are aligned table rows; strings are printed as they are. */
  rows: Array<string[] | string>;
  targets: BenchTarget[];
  skipped: string[];
}
export declare function formatReport(report: BenchReport, options: { date: string }): string;
