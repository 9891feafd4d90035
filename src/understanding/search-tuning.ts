/**
 * The knobs of the content search, tuned on tests/understanding/eval-set.*.jsonl: change one, run
 * `npm run eval:understanding`, and keep it only if the figures (and the misses) get better.
 */
export const TUNING = {
  /**
   * `keywords`: one-word keywords and whole phrases; `signals`: the same for keywords marked "!" (words
   * that must lead there, such as distress for "talk to someone"); `phrases`: the words of phrases.
   */
  boost: { label: 2.2, keywords: 3, signals: 8, phrases: 0.8, tips: 0.8, text: 1 },
  /** BM25 length normalisation per field (others 0.7): none for keyword lists. */
  lengthNorm: { keywords: 0, signals: 0, phrases: 0 } as Record<string, number>,
  ownCountry: 1,
  unknownCountry: 0.3,
  /** Before a perspective is chosen, most people who type are employees: others' places × this. */
  otherPerspective: 0.85,
  /** Tips count a little less than the states that hold them. */
  tip: 0.8,
  fuzzyWeight: 0.45,
  /** A known part of an unknown compound word, times the share of the word it covers. */
  partWeight: 0.8,
  /** How much the share of typed words found counts in the score: × (1 − w + w × coverage). */
  coverageWeight: 0.5,
  prefixWeight: 0.5,
  /** score → [0, 1]: raw / (raw + half). */
  half: 6,
};
