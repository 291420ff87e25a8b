export interface Figure {
  name: string;
  unit: string;
  median: number;
  p95: number;
  samples: number;
  /** What the figure is set against, measured in the same run (or a target). */
  comparison?: string;
}

export function figure(name: string, unit: string, values: number[], comparison?: string): Figure {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  const round = (n: number) => Math.round(n * 100) / 100;
  return { name, unit, median: round(at(0.5)), p95: round(at(0.95)), samples: values.length, ...(comparison ? { comparison } : {}) };
}
