// One formatter per process: Number#toLocaleString builds a new Intl formatter on every call,
// which was most of an estimate's cost in bench-estimate.ts.
const formatter = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** 1234.567 → "1,234.57" */
export function formatNumber(value: number): string {
  return formatter.format(value);
}
