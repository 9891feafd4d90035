import { BSON } from 'mongodb';
import { decodeFieldName, decodeFields, encodeFieldName, encodeFields } from '../../src/storage/bson-fields';
import { toStorageId } from '../../src/storage/storage-common';

/** What the driver does to a document on the way to MongoDB and back. */
const throughBson = (doc: Record<string, unknown>) =>
  BSON.deserialize(BSON.serialize(doc, { checkKeys: true }));

const TRICKY_NAMES = [
  'plain',
  'boss.share',
  '$where',
  'a$b',
  '$',
  '.',
  '..',
  '%',
  '%%',
  '%2E',
  '%25',
  '%u',
  '%uD800',
  'nul\u0000inside',
  '',
  ' ',
  '__proto__',
  'constructor',
  'ключ',
  '日本',
  '😀',
  '\uD800', // lone high surrogate
  'x\uDC00y', // lone low surrogate
];

describe('field name encoding for MongoDB', () => {
  it.each(TRICKY_NAMES.map((name) => [JSON.stringify(name), name]))(
    'round-trips %s and gives a name MongoDB accepts',
    (_label, name) => {
      const encoded = encodeFieldName(name);
      expect(decodeFieldName(encoded)).toBe(name);
      expect(encoded).not.toBe('');
      expect(encoded).not.toMatch(/[.\0]|^\$/);
      expect(encoded).not.toMatch(/\p{Cs}/u);
    },
  );

  it('is injective: distinct names never share an encoding', () => {
    const encoded = TRICKY_NAMES.map(encodeFieldName);
    expect(new Set(encoded).size).toBe(TRICKY_NAMES.length);
  });

  it('leaves ordinary names as they are', () => {
    for (const name of ['lang', 'savedTips', 'schemaVersion', 'emp-diag-take-time', 'ключ', '😀']) {
      expect(encodeFieldName(name)).toBe(name);
    }
    expect(encodeFieldName('boss.share')).toBe('boss%2Eshare');
  });

  it('round-trips a conversation state through BSON as plain values (no JSON strings)', () => {
    const state = {
      schemaVersion: 1,
      flowVersion: 'abc',
      state: 'employee.boss.when',
      context: {
        lang: 'nl',
        country: null,
        answers: { 'boss.share': 'absence', 'boss.colleagues': 'myself' },
        savedTips: ['emp-diag-take-time'],
      },
      history: ['entry.welcome', 'employee.phases'],
      createdAt: 1_700_000_000_000,
      updatedAt: 1_700_000_123_456,
      big: 2 ** 53 - 1,
      ratio: 0.25,
      flag: true,
      when: new Date(Date.UTC(2025, 0, 1)),
    };
    const stored = throughBson({ item: encodeFields(state) as Record<string, unknown> });
    expect((stored.item as Record<string, Record<string, unknown>>).context!.answers).toEqual({
      'boss%2Eshare': 'absence',
      'boss%2Ecolleagues': 'myself',
    });
    expect(decodeFields(stored.item)).toEqual(state);
  });

  it('round-trips every tricky name through BSON, nested in objects and arrays', () => {
    const fields = Object.fromEntries(TRICKY_NAMES.map((name, i) => [name, i]));
    const item = { top: fields, list: [fields, [fields]], ...fields };
    const back = decodeFields(throughBson({ item: encodeFields(item) as Record<string, unknown> }).item);
    expect(back).toEqual(item);
    // "__proto__" came back as a field, not as the prototype.
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.getOwnPropertyNames((back as { top: object }).top)).toContain('__proto__');
  });

  it('stores no array directly inside an array (FerretDB refuses them), and restores them', () => {
    const value = {
      grid: [[1, 2], [3, [4, [5]]], [], 'x'],
      '%a': ['caller field'],
      deep: { m: [[{ '%a': 1 }]] },
    };
    const encoded = encodeFields(value);
    const arrays = (v: unknown, inArray = false): boolean =>
      Array.isArray(v)
        ? inArray || v.some((x) => arrays(x, true))
        : typeof v === 'object' && v !== null && Object.values(v).some((x) => arrays(x, false));
    expect(arrays(encoded)).toBe(false);
    expect(decodeFields(encoded)).toEqual(value);
  });

  it('drops undefined fields and turns undefined array elements into null, as JSON does', () => {
    expect(encodeFields({ a: undefined, b: [undefined, 1], c: { d: undefined } })).toEqual({
      b: [null, 1],
      c: {},
    });
  });

  it('does not change the value it is given', () => {
    const item = { 'a.b': { 'c.d': [1, { 'e.f': 2 }] } };
    const copy = structuredClone(item);
    encodeFields(item);
    expect(item).toEqual(copy);
  });
});

describe('storage ids (keys made safe for any database)', () => {
  it('keeps short keys readable, prefixed', () => {
    expect(toStorageId('conv/emulator/abc')).toBe('k:conv/emulator/abc');
    expect(toStorageId('!@#$%^&*()~/\\><,.?\';"`~')).toBe('k:!@#$%^&*()~/\\><,.?\';"`~');
  });

  it('hashes long keys and keys with lone surrogates, keeping them apart', () => {
    const ids = ['x'.repeat(201), 'x'.repeat(5000), 'x'.repeat(5000) + 'y', '\uD800', '\uDBFF', '\uFFFD'].map(
      toStorageId,
    );
    expect(ids.slice(0, 5).every((id) => /^h:[0-9a-f]{64}$/.test(id))).toBe(true);
    expect(ids[5]).toBe('k:\uFFFD');
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('never lets a plain key collide with a hashed one', () => {
    const hashed = toStorageId('x'.repeat(300));
    expect(toStorageId(hashed)).toBe(`k:${hashed}`);
  });
});
