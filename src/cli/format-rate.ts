/** A short rendering of a count per second: `850`, `12.3k`, `4.56M`. */
export function formatRate(perSecond: number): string {
  if (!Number.isFinite(perSecond) || perSecond < 0) return '0';
  if (perSecond >= 999_950) return `${(perSecond / 1e6).toFixed(2)}M`;
  if (perSecond >= 1000) return `${(perSecond / 1e3).toFixed(1)}k`;
  if (perSecond > 0 && perSecond < 10) return perSecond.toFixed(1);
  return perSecond.toFixed(0);
}
