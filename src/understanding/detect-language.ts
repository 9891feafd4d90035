import { LANGUAGES, type Lang } from '../engine/types';
import { surfaceWords } from './analyze';
import { STOPWORDS } from './stopwords';

/**
 * Which of the supported languages a message is written in, when it is clearly another than the
 * conversation's. Evidence per word: a function word of a language counts 1, a word of its content
 * 0.5, shared by several languages it is split between them. Null when unsure or the same language.
 */
export function otherLanguage(
  vocabulary: Record<Lang, Set<string>>,
  text: string,
  current: Lang,
): Lang | null {
  const score = { en: 0, nl: 0, fr: 0 } as Record<Lang, number>;
  for (const w of surfaceWords(text)) {
    const claims = LANGUAGES.map((l) => (STOPWORDS[l].has(w) ? 1 : vocabulary[l]?.has(w) ? 0.5 : 0));
    const n = claims.filter(Boolean).length;
    if (!n || n === LANGUAGES.length) continue;
    LANGUAGES.forEach((l, i) => (score[l] += (claims[i] as number) / n));
  }
  const best = [...LANGUAGES].sort((a, b) => score[b] - score[a])[0] as Lang;
  if (best === current) return null;
  return score[best] >= 1.5 && score[best] >= 2 * score[current] + 0.5 ? best : null;
}
