/** Rows reused between calls (words here are short): no allocation per comparison. */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Optimal string alignment distance (Levenshtein with adjacent swaps), stopping early above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (b.length + 1 > (rows[0] as Int32Array).length) rows = [0, 1, 2].map(() => new Int32Array(b.length + 1));
  let [prev2, prev, cur] = rows as [Int32Array, Int32Array, Int32Array];
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let d = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (prev2[j - 2] as number) + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length] as number;
}

/** Small typos allowed for a word of this length: none up to 4 letters (sick ≠ sack), 1 up to 7, then 2. */
export function typoBudget(length: number): number {
  return length < 5 ? 0 : length < 8 ? 1 : 2;
}

/** Two search terms that are the same word, give or take a small typo or an ending. */
export function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  const short = Math.min(a.length, b.length);
  // An ending, not another word: at most two letters more ("werkgever(s)", "patiënt(en)"), so the button "Terug"
  // (back) is not "terugkeer" (return, stemmed "terugker").
  if (short >= 5 && Math.abs(a.length - b.length) <= 2 && (a.startsWith(b) || b.startsWith(a))) return true;
  const budget = typoBudget(short);
  // A typo seldom touches the first letter: keep it, swap it, or miss or add one.
  if (!budget || (a[0] !== b[0] && a[0] !== b[1] && a[1] !== b[0])) return false;
  return editDistance(a, b, budget) <= budget;
}
