// Types for the test of the bench harness (tests/bench-harness.test.ts).
export declare function median(values: number[]): number;
export declare function percentile(values: number[], p: number): number;
export declare const nowMs: () => number;
export declare function timePass<T>(items: T[], fn: (item: T) => unknown): number;
export declare function interleavedRates<T>(
  subjects: Array<{ key: string; items: T[]; fn: (item: T) => unknown; warmup?: number }>,
  rounds: number,
  onRound?: (round: number, rates: Record<string, number[]>) => void,
): Record<string, { perSecond: number; rates: number[] }>;
export declare const sleep: (ms: number) => Promise<void>;
export declare const round: (value: number, digits?: number) => number | null;
