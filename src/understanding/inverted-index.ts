import { editDistance, typoBudget } from './edit-distance';

/**
 * A small in-memory inverted index with BM25+ scoring per field (BM25F-like: each field has its own
 * length normalisation and a boost given per query). Documents are given already analysed (terms per
 * field). Built once; a query costs microseconds at this content's size (hundreds of documents).
 * Lookups of a query term: the term itself, known terms it is a prefix of ("terugkeer" →
 * "terugkeerplan"), and known terms within a small edit distance (typos), the last two weighted down.
 */
export interface IndexDoc {
  /** Analysed terms per field name. */
  [field: string]: string[];
}

interface Posting {
  doc: number;
  field: number;
  /** idf × BM25+ term-frequency part: fixed once the index is built. */
  weight: number;
}

export interface QueryTerm {
  term: string;
  /** Bit i set: this lookup stands for typed term i (coverage counts typed terms, not lookups). */
  origins: number;
  weight: number;
}

export interface Hit {
  doc: number;
  score: number;
  /** Bit i set: typed term i matched. */
  matched: number;
  /** Bit i set: typed term i matched in one of the strong fields (say, a title or a keyword). */
  strong: number;
  /** Bit f set: something matched in field f. */
  fields: number;
}

/** An index as plain data: its size and, per term, its postings flattened as doc, field, weight. */
export interface InvertedIndexData {
  size: number;
  postings: [string, number[]][];
}

const K1 = 1.2;
const B = 0.7;
const DELTA = 0.5;

export class InvertedIndex {
  readonly fields: readonly string[];
  readonly size: number;
  private readonly postings = new Map<string, Posting[]>();
  private readonly sorted: string[];
  /** Known terms by length and first letter, and by length and second letter: typo candidates. */
  private readonly byFirst = new Map<string, string[]>();
  private readonly bySecond = new Map<string, string[]>();
  private readonly near = new Map<string, { term: string; distance: number }[]>();

  /**
   * `lengthNorm`: per field, how much a long field is discounted (BM25's b, 0.7 by default). A list of
   * synonyms should not be: each keyword stands on its own.
   */
  constructor(
    fields: readonly string[],
    docs: IndexDoc[] | InvertedIndexData,
    lengthNorm: Record<string, number> = {},
  ) {
    this.fields = fields;
    if (Array.isArray(docs)) {
      this.size = docs.length;
      this.addDocs(fields, docs, lengthNorm);
    } else {
      // Restored from toData(): the postings as they were computed.
      this.size = docs.size;
      for (const [term, flat] of docs.postings) {
        const list: Posting[] = [];
        for (let i = 0; i < flat.length; i += 3)
          list.push({ doc: flat[i] as number, field: flat[i + 1] as number, weight: flat[i + 2] as number });
        this.postings.set(term, list);
      }
    }
    // Words only: a term with "+" stands for a phrase (several words), never a prefix or a typo of one.
    this.sorted = [...this.postings.keys()].filter((t) => !t.includes('+')).sort();
    const push = (map: Map<string, string[]>, key: string, t: string) => {
      const list = map.get(key);
      if (list) list.push(t);
      else map.set(key, [t]);
    };
    for (const t of this.sorted) {
      push(this.byFirst, `${t.length}${t[0]}`, t);
      push(this.bySecond, `${t.length}${t[1]}`, t);
    }
  }

  /** The index as plain data, to be given back to the constructor (a snapshot made at build time). */
  toData(): InvertedIndexData {
    return {
      size: this.size,
      postings: [...this.postings].map(([term, list]) => [
        term,
        list.flatMap((p) => [p.doc, p.field, p.weight]),
      ]),
    };
  }

  private addDocs(fields: readonly string[], docs: IndexDoc[], lengthNorm: Record<string, number>): void {
    const lengths = fields.map(() => new Float64Array(docs.length));
    const df = new Map<string, Int32Array>();
    const raw: { term: string; doc: number; field: number; tf: number }[] = [];
    docs.forEach((doc, d) =>
      fields.forEach((name, f) => {
        const terms = doc[name] ?? [];
        (lengths[f] as Float64Array)[d] = terms.length;
        const tf = new Map<string, number>();
        for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
        for (const [term, n] of tf) {
          raw.push({ term, doc: d, field: f, tf: n });
          let counts = df.get(term);
          if (!counts) df.set(term, (counts = new Int32Array(fields.length)));
          counts[f]!++;
        }
      }),
    );
    const avg = lengths.map((l) => l.reduce((a, b) => a + b, 0) / Math.max(1, docs.length) || 1);
    for (const { term, doc, field, tf } of raw) {
      const n = (df.get(term) as Int32Array)[field] as number;
      const idf = Math.log(1 + (docs.length - n + 0.5) / (n + 0.5));
      const b = lengthNorm[fields[field] as string] ?? B;
      const norm = 1 - b + (b * (lengths[field] as Float64Array)[doc]!) / (avg[field] as number);
      // A field of synonyms counts a word once (b = 0): "sick leave, off sick, sick note" is not 3× "sick".
      const n1 = b === 0 ? 1 : tf;
      const weight = idf * ((n1 * (K1 + 1)) / (n1 + K1 * norm) + DELTA);
      let list = this.postings.get(term);
      if (!list) this.postings.set(term, (list = []));
      list.push({ doc, field, weight });
    }
  }

  has(term: string): boolean {
    return this.postings.has(term);
  }

  /** Known terms that start with `term` (longer than it), at most `limit`. */
  extensions(term: string, limit = 20): string[] {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.sorted[mid] as string) < term) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < this.sorted.length && out.length < limit; i++) {
      const t = this.sorted[i] as string;
      if (!t.startsWith(term)) break;
      if (t !== term) out.push(t);
    }
    return out;
  }

  /**
   * Known terms (5+ letters) that an unknown term begins or ends with, covering at least half of it:
   * the parts of a compound ("concentratieproblemen" → concentratie, "ziekteuitkering" → uitkering).
   */
  parts(term: string): string[] {
    const out: string[] = [];
    if (term.length < 8 || this.postings.has(term)) return out;
    const min = Math.max(5, Math.ceil(term.length / 2));
    for (let len = term.length - 2; len >= min; len--) {
      const head = term.slice(0, len);
      if (this.postings.has(head)) {
        out.push(head);
        break;
      }
    }
    for (let len = term.length - 2; len >= min; len--) {
      const tail = term.slice(term.length - len);
      if (this.postings.has(tail)) {
        out.push(tail);
        break;
      }
    }
    return out;
  }

  /**
   * Known terms within the typo budget of an unknown term (5+ letters), nearest first, at most three.
   * Candidates keep the first letter, or have it second, or have the term's second letter first
   * (a swap or a missing or extra first letter); a wrong first letter is not looked for.
   */
  nearTerms(term: string): { term: string; distance: number }[] {
    const budget = typoBudget(term.length);
    if (term.length < 5 || this.postings.has(term)) return [];
    const cached = this.near.get(term);
    if (cached) return cached;
    const found = new Map<string, number>();
    for (let len = term.length - budget; len <= term.length + budget; len++)
      for (const list of [
        this.byFirst.get(`${len}${term[0]}`),
        this.byFirst.get(`${len}${term[1]}`),
        this.bySecond.get(`${len}${term[0]}`),
      ])
        for (const k of list ?? []) {
          if (found.has(k)) continue;
          const distance = editDistance(term, k, budget);
          if (distance <= budget) found.set(k, distance);
        }
    const out = [...found]
      .map(([t, distance]) => ({ term: t, distance }))
      .sort((a, b) => a.distance - b.distance || (a.term < b.term ? -1 : 1))
      .slice(0, 3);
    if (this.near.size < 10_000) this.near.set(term, out);
    return out;
  }

  /**
   * Scores every document that matches a lookup: Σ weight × boost(field) × BM25+(term, field).
   */
  search(query: QueryTerm[], boosts: readonly number[], strongFields = 0): Hit[] {
    const score = new Float64Array(this.size);
    const matched = new Int32Array(this.size);
    const strong = new Int32Array(this.size);
    const fields = new Int32Array(this.size);
    for (const q of query) {
      const list = this.postings.get(q.term);
      if (!list) continue;
      for (const p of list) {
        const boost = boosts[p.field] ?? 0;
        if (!boost) continue;
        score[p.doc]! += q.weight * boost * p.weight;
        matched[p.doc]! |= q.origins;
        if (strongFields & (1 << p.field)) strong[p.doc]! |= q.origins;
        fields[p.doc]! |= 1 << p.field;
      }
    }
    const hits: Hit[] = [];
    for (let d = 0; d < this.size; d++)
      if (score[d]! > 0)
        hits.push({
          doc: d,
          score: score[d] as number,
          matched: matched[d] as number,
          strong: strong[d] as number,
          fields: fields[d] as number,
        });
    return hits;
  }
}
