import type { Change } from "./weekly-report.js";

export function reportMoney(amount: number, currency: string): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency, maximumFractionDigits: 0 }).format(
    amount,
  );
}

/** "+€12,000 since last week", "unchanged", or "no figure a week before" when nothing was recorded then. */
export function changeText(c: Change, currency: string): string {
  if (c.change === null) return "no figure a week before";
  if (c.change === 0) return "unchanged";
  const sign = c.change > 0 ? "+" : "−";
  return `${sign}${reportMoney(Math.abs(c.change), currency)} since last week`;
}
