/** Ranking metrics over one ranked list of ids and the graded judgments of its query. */
export function dcg(gains: number[]): number {
  return gains.reduce((sum, g, i) => sum + (2 ** g - 1) / Math.log2(i + 2), 0);
}

export function ndcgAt(k: number, ranked: string[], grades: Map<string, number>): number {
  const ideal = dcg(
    [...grades.values()]
      .filter((g) => g > 0)
      .sort((a, b) => b - a)
      .slice(0, k),
  );
  if (ideal === 0) return 0;
  return dcg(ranked.slice(0, k).map((id) => grades.get(id) ?? 0)) / ideal;
}

export function mrrAt(k: number, ranked: string[], grades: Map<string, number>): number {
  const i = ranked.slice(0, k).findIndex((id) => (grades.get(id) ?? 0) > 0);
  return i < 0 ? 0 : 1 / (i + 1);
}

/** Share of the relevant records found in the first k, out of at most k (a query may have hundreds). */
export function recallAt(k: number, ranked: string[], grades: Map<string, number>): number {
  const relevant = [...grades.values()].filter((g) => g > 0).length;
  if (relevant === 0) return 0;
  const found = ranked.slice(0, k).filter((id) => (grades.get(id) ?? 0) > 0).length;
  return found / Math.min(k, relevant);
}
