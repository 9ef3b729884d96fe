/** Number formatting shared by the report and the console summary. */

export function bytes(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`;
}

export function ns(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return "–";
  return n >= 10_000 ? `${(n / 1000).toFixed(1)} µs` : `${Math.round(n).toLocaleString("en-US")} ns`;
}

export function ms(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return "–";
  return n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${Math.round(n)} ms`;
}

export function ratio(n: number | undefined): string {
  return n === undefined || Number.isNaN(n) ? "–" : `${n.toFixed(2)}x`;
}

export function count(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** "+23%" (or "+0.4%" when small) for a measurement above an upper bound. */
export function over(measured: number, limit: number): string {
  const percent = (measured / limit - 1) * 100;
  return `+${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/** "1 host call", "3 host calls". */
export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
