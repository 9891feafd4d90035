import { createI18n } from '../../src/content/i18n';
import { loadContent } from '../../src/content/load-content';
import { loadLocales } from '../../src/content/locales';
import { COMMANDS, COUNTRIES, LANGUAGES, type Lang } from '../../src/engine/types';
import { normalize } from '../../src/understanding/normalize';
import { FLOWS_DIR, LOCALES_DIR, countryVariants, flowKeyUses, leaves, sourceKeys } from './content-helpers';

/**
 * Flow ⇄ locale cross-checks in both directions: every key used exists in en, nl and fr, no key is
 * left unused, and the three languages agree on keys, placeholders and command words.
 */
const resources = loadLocales(LOCALES_DIR);
const bundle = loadContent(FLOWS_DIR);
const byLang = Object.fromEntries(LANGUAGES.map((l) => [l, leaves(resources, l)])) as Record<
  Lang,
  Map<string, unknown>
>;
const uses = flowKeyUses(bundle);
const srcKeys = sourceKeys();
const OTHERS = LANGUAGES.filter((l) => l !== 'en');

const nsOf = (key: string) => key.slice(0, key.indexOf(':'));
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

describe('locale files', () => {
  it.each(OTHERS)('%s has the same namespace files as en', (lng) => {
    expect(Object.keys(resources[lng]).sort()).toEqual(Object.keys(resources.en).sort());
  });

  // A country variant (`key_BE`) may exist in one language only, where only that language's wording differs
  // for that country (Belgian French, Netherlands Dutch); its base key must then exist in every language.
  const VARIANT = /_(BE|NL|FR|UK)$/;
  const isOptionalVariant = (key: string) =>
    VARIANT.test(key) && LANGUAGES.every((l) => byLang[l].has(key.replace(VARIANT, '')));

  it.each(OTHERS)(
    '%s has exactly the keys of en, per namespace, both directions (country variants aside)',
    (lng) => {
      const problems: string[] = [];
      for (const key of byLang.en.keys())
        if (!byLang[lng].has(key) && !isOptionalVariant(key)) problems.push(`${key}: missing in ${lng}`);
      for (const key of byLang[lng].keys())
        if (!byLang.en.has(key) && !isOptionalVariant(key)) problems.push(`${key}: only in ${lng}`);
      expect(problems).toEqual([]);
    },
  );

  it.each(LANGUAGES)(
    '%s: every value is a non-empty string (commands: a list of non-empty strings)',
    (lng) => {
      const problems: string[] = [];
      for (const [key, value] of byLang[lng]) {
        const ok =
          nsOf(key) === 'commands'
            ? Array.isArray(value) && value.length > 0 && value.every(isText)
            : isText(value);
        if (!ok) problems.push(`${lng} ${key}: ${JSON.stringify(value)}`);
      }
      expect(problems).toEqual([]);
    },
  );
});

describe('keys used by flows, tips and code', () => {
  it('finds the keys the flows use (sanity check of the scan)', () => {
    expect(uses.length).toBeGreaterThan(50);
    expect(uses.some((u) => u.perCountry)).toBe(true);
    expect(srcKeys.size).toBeGreaterThan(5);
  });

  it('every key a flow or tip uses exists as text in en, nl and fr', () => {
    const problems: string[] = [];
    for (const u of uses)
      for (const lng of LANGUAGES)
        if (!isText(byLang[lng].get(u.key))) problems.push(`${u.where}: "${u.key}" missing in ${lng}`);
    expect(problems).toEqual([]);
  });

  it('every country-specific message has, in every language, a text for each of BE, NL, FR and UK, or a text for all', () => {
    const perCountry = uses.filter((u) => u.perCountry);
    const problems: string[] = [];
    for (const u of perCountry)
      for (const lng of LANGUAGES) {
        if (isText(byLang[lng].get(u.key))) continue; // the base text is shown where no variant exists
        for (const variant of countryVariants(u.key))
          if (!isText(byLang[lng].get(variant))) problems.push(`${u.where}: "${variant}" missing in ${lng}`);
      }
    expect(problems).toEqual([]);
  });

  it('every key written in src/ exists in en, nl and fr (a typo in code is a content error)', () => {
    const problems: string[] = [];
    for (const [key, files] of srcKeys)
      for (const lng of LANGUAGES)
        if (!byLang[lng].has(key)) problems.push(`${files.join(', ')}: "${key}" missing in ${lng}`);
    expect(problems).toEqual([]);
  });

  it('no key is left unused', () => {
    const used = new Set<string>();
    for (const u of uses) [u.key, ...countryVariants(u.key)].forEach((k) => used.add(k));
    for (const k of srcKeys.keys()) used.add(k);
    const all = new Set(LANGUAGES.flatMap((l) => [...byLang[l].keys()]));
    const unusedKeys = [...all].filter((k) => nsOf(k) !== 'commands' && !used.has(k)).sort();
    // Not used by any flow, tip, or 'ns:path' literal in src/: remove them, or use them.
    expect({ unusedKeys }).toEqual({ unusedKeys: [] });
  });
});

describe('translations agree', () => {
  const placeholders = (text: string) =>
    [
      ...new Set(
        [...text.matchAll(/\{\{\s*([^}]+?)\s*\}\}/g)].map((m) => (m[1] as string).split(',')[0]!.trim()),
      ),
    ].sort();

  it('finds placeholders (sanity check of the pattern)', () => {
    expect(placeholders('a {{days}} b {{ count, number }} {{days}}')).toEqual(['count', 'days']);
    expect(placeholders(byLang.en.get('common:privacy.full') as string)).toEqual(['days']);
  });

  it.each(OTHERS)('%s uses the same {{placeholders}} as en in every message', (lng) => {
    const problems: string[] = [];
    for (const [key, en] of byLang.en) {
      const other = byLang[lng].get(key);
      if (typeof en !== 'string' || typeof other !== 'string') continue;
      const [a, b] = [placeholders(en), placeholders(other)];
      if (a.join() !== b.join()) problems.push(`${key}: en {${a.join(', ')}} vs ${lng} {${b.join(', ')}}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('command words', () => {
  const words = (lng: Lang) => resources[lng].commands as Record<string, string[]>;

  it.each(LANGUAGES)('%s: commands.json names each command, and only known commands', (lng) => {
    expect(Object.keys(words(lng)).sort()).toEqual([...COMMANDS].sort());
  });

  it.each(LANGUAGES)('%s: no word (as typed: any case, accents) belongs to two commands', (lng) => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [command, list] of Object.entries(words(lng)))
      for (const w of list) {
        const n = normalize(w);
        const other = owner.get(n);
        if (other && other !== command) clashes.push(`"${w}": ${other} and ${command}`);
        owner.set(n, command);
      }
    expect(clashes).toEqual([]);
  });

  it('a word that is a command in several languages means the same command in each', () => {
    // understandText falls back to the other languages' command words, so they must not disagree.
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const lng of LANGUAGES)
      for (const [command, list] of Object.entries(words(lng)))
        for (const w of list) {
          const n = normalize(w);
          const other = owner.get(n);
          if (other && other.split(' ')[0] !== command) clashes.push(`"${w}": ${other} vs ${lng} ${command}`);
          else owner.set(n, `${command} (${lng})`);
        }
    expect(clashes).toEqual([]);
  });

  /**
   * A quoted word the text tells the user to type (Type "my plan" / typ "mijn plan" / tapez « mon plan »)
   * must be a command word of that language. A quote counts as a command when the sentence before it
   * has the verb "type" of that language (type/typ/tapez); quoted button labels do not.
   */
  const typeVerb: Record<Lang, RegExp> = {
    en: /\btyp(e|ing)\b/i,
    nl: /\btyp(t|en)?\b/i,
    fr: /\btap(ez|er)\b/i,
  };
  const quoted = /"([^"]+)"|«\s*([^»]+?)\s*»|“([^”]+)”/g;

  function commandMentions(lng: Lang): { key: string; word: string }[] {
    const found: { key: string; word: string }[] = [];
    for (const [key, text] of byLang[lng]) {
      if (typeof text !== 'string') continue;
      for (const m of text.matchAll(quoted)) {
        const before =
          text
            .slice(0, m.index)
            .split(/[.!?]\s/)
            .pop() ?? '';
        if (typeVerb[lng].test(before)) found.push({ key, word: (m[1] ?? m[2] ?? m[3]) as string });
      }
    }
    return found;
  }

  it.each(LANGUAGES)('%s: finds the quoted command words in messages (sanity check)', (lng) => {
    const keys = commandMentions(lng).map((m) => m.key);
    expect(keys).toEqual(expect.arrayContaining(['common:help.commands', 'common:notUnderstood']));
  });

  it.each(LANGUAGES)('%s: every word the text tells the user to type is a command word', (lng) => {
    const known = new Set(Object.values(words(lng)).flat().map(normalize));
    const problems = commandMentions(lng)
      .filter((m) => !known.has(normalize(m.word)))
      .map((m) => `${m.key}: "${m.word}" is not in locales/${lng}/commands.json`);
    expect(problems).toEqual([]);
  });
});

describe('wording (one small check per language)', () => {
  const i18n = createI18n(resources);
  const disclaimer: Record<Lang, RegExp> = {
    en: /medical.*legal/i,
    nl: /medisch.*juridisch/i,
    fr: /médicaux.*juridiques/i,
  };

  it.each(LANGUAGES)('%s: the welcome disclaimer says it is not medical or legal advice', (lng) => {
    const text = i18n.getFixedT(lng)('entry:welcome.disclaimer');
    expect(text).not.toBe('entry:welcome.disclaimer');
    expect(text).toMatch(disclaimer[lng]);
  });

  it('the disclaimer differs between en, nl and fr (no untranslated copy)', () => {
    const texts = LANGUAGES.map((l) => i18n.getFixedT(l)('entry:welcome.disclaimer'));
    expect(texts.every((t) => t.trim().length > 0)).toBe(true);
    expect(new Set(texts).size).toBe(LANGUAGES.length);
  });

  it.each(LANGUAGES)('%s: country context picks the _BE text, an unknown country falls back', (lng) => {
    const t = i18n.getFixedT(lng);
    const neutral = t('employee:rights.disclosure');
    const be = t('employee:rights.disclosure', { context: 'BE' });
    expect(be).toBe(byLang[lng].get('employee:rights.disclosure_BE'));
    expect(be).not.toBe(neutral);
    expect(t('employee:rights.disclosure', { context: 'XX' })).toBe(neutral);
    expect(neutral).toBe(byLang[lng].get('employee:rights.disclosure'));
  });

  it.each(LANGUAGES)('%s: each country text differs from the neutral text and from the others', (lng) => {
    const t = i18n.getFixedT(lng);
    const texts = [
      t('employee:rights.disclosure'),
      ...COUNTRIES.map((c) => t('employee:rights.disclosure', { context: c })),
    ];
    expect(new Set(texts).size).toBe(COUNTRIES.length + 1);
  });
});
