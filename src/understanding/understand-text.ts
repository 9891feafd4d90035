import {
  COMMANDS,
  LANGUAGES,
  type CommandName,
  type EngineInput,
  type Lang,
  type View,
} from '../engine/types';
import { normalize } from './normalize';

/** Command words per language, from locales/<lng>/commands.json (content, not code). */
export type CommandLexicon = Record<Lang, Map<string, CommandName>>;

export function buildLexicon(words: Record<Lang, Partial<Record<CommandName, string[]>>>): CommandLexicon {
  const lexicon = {} as CommandLexicon;
  for (const lng of LANGUAGES) {
    lexicon[lng] = new Map();
    for (const name of COMMANDS)
      for (const w of words[lng]?.[name] ?? []) lexicon[lng].set(normalize(w), name);
  }
  return lexicon;
}

/**
 * Typed text → engine input. Order: a global command in the conversation's language; one of the
 * choices on offer (its number, or its label in any case, with or without accents); a command word
 * of another supported language; otherwise "unknown", which the engine answers with a re-prompt.
 */
export function understandText(
  text: string,
  view: Pick<View, 'choices' | 'lang' | 'tips'> | null,
  label: (key: string) => string,
  lexicon: CommandLexicon,
): EngineInput {
  const said = normalize(text);
  if (!said) return { kind: 'unknown' };
  const own = lexicon[view?.lang ?? 'en'].get(said);
  if (own) return { kind: 'command', name: own };
  const choices = view?.choices ?? [];
  if (/^\d{1,3}$/.test(said)) {
    // Numbers follow the numbered text rendering: the choices, then the tips' save/remove buttons.
    const n = Number(said) - 1;
    const picked = choices[n]?.payload ?? view?.tips[n - choices.length]?.payload;
    return picked ?? { kind: 'unknown' };
  }
  const byLabel = choices.find((c) => normalize(label(c.labelKey)) === said);
  if (byLabel) return byLabel.payload;
  for (const lng of LANGUAGES) {
    const other = lexicon[lng].get(said);
    if (other) return { kind: 'command', name: other };
  }
  return { kind: 'unknown' };
}
