/**
 * How long someone has waited, as staff read it at a glance: "waiting 45 min", "waiting 2 h 15 min",
 * "waiting 3 d 4 h". Whole minutes, rounded down; never negative (a clock a little behind reads 0 min).
 */
export function waitingLabel(sinceIso: string, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - Date.parse(sinceIso)) / 60_000));
  if (minutes < 60) return `waiting ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `waiting ${hours} h ${minutes % 60} min`;
  return `waiting ${Math.floor(hours / 24)} d ${hours % 24} h`;
}
