import { sourcesFor } from '../../src/engine/views';
import { engine } from '../helpers/engine';
import fs from 'node:fs';
import path from 'node:path';
import { createI18n } from '../../src/content/i18n';
import { loadLocales } from '../../src/content/locales';
import { sourceLabel, sourcesActivity, type T } from '../../src/render/translate-view';
import type { View } from '../../src/engine/types';
import { ROOT } from '../helpers/engine';

const i18n = createI18n(loadLocales(path.join(ROOT, 'locales')));
const tr = (lng: string): T => i18n.getFixedT(lng) as unknown as T;
const page = { publisher: 'Fondation contre le Cancer', title: 'Reprendre le travail', lang: 'fr' as const };

describe('"More information" link texts', () => {
  it("read as the publisher and the page, with no language note in the reader's language", () => {
    expect(sourceLabel(tr('fr'), page, 'fr')).toBe('Fondation contre le Cancer — Reprendre le travail');
  });

  it("say the page's language when it is not the reader's, in the reader's language", () => {
    expect(sourceLabel(tr('nl'), page, 'nl')).toBe(
      'Fondation contre le Cancer — Reprendre le travail (in het Frans)',
    );
    expect(sourceLabel(tr('en'), page, 'en')).toMatch(/\(in French\)$/);
    expect(sourceLabel(tr('fr'), { ...page, lang: 'nl' }, 'fr')).toMatch(/\(en néerlandais\)$/);
  });

  it('the heading carries its own punctuation: French puts a space before the colon', () => {
    const view = {
      lang: 'fr',
      sources: [{ fact: 'BE-1', url: 'https://www.cancer.be/x', ...page }],
    } as unknown as View;
    const text = sourcesActivity(view, tr('fr'))?.text as string;
    expect(text.startsWith('Pour en savoir plus\u00a0:')).toBe(true);
    expect(text).toContain('[Fondation contre le Cancer — Reprendre le travail](https://www.cancer.be/x)');
    expect(text).not.toMatch(/\(\d\)\]/); // never "kanker.be (2)"
  });

  it('no "Label:" punctuation is built in the render or plan code', () => {
    const dirs = ['src/render', 'src/plan'].map((d) => path.join(ROOT, d));
    const offenders = dirs.flatMap((d) =>
      fs
        .readdirSync(d)
        .filter((f) => f.endsWith('.ts'))
        .filter((f) => /\$\{[^}]+\}: |\}:\\n|'\):|\)\}:/.test(fs.readFileSync(path.join(d, f), 'utf8')))
        .map((f) => `${path.basename(d)}/${f}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe('the order of "more information" links', () => {
  it('puts pages in the reader’s language first, whatever the order of the cited facts', () => {
    // BE-41 (Flemish VOP, Dutch pages) is cited before BE-43 (AVIQ, French pages).
    const links = sourcesFor(engine().index, ['BE-41', 'BE-43'], { lang: 'fr', perspective: 'coach' });
    const langs = links.map((l) => l.lang);
    expect(langs).toContain('nl');
    expect(langs.indexOf('nl')).toBeGreaterThan(langs.lastIndexOf('fr'));
  });
});
