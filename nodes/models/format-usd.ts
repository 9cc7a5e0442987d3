/** Dollars as the run table and dialogs show them: cents, or a tenth of a cent below one cent. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  return usd < 0.01 ? `$${usd.toFixed(3)}` : `$${usd.toFixed(2)}`;
}
