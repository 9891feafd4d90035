/**
 * Reversible encoding of field names for MongoDB. State is stored as plain BSON (objects, arrays, strings,
 * numbers, booleans, null, dates), but MongoDB refuses or misreads some field names: a '.' is a path
 * separator (our answers are keyed like `boss.share`), a leading '$' is an operator, NUL cannot be stored,
 * an empty name is refused by some servers, and a lone UTF-16 surrogate does not survive UTF-8. Those
 * characters, and '%' itself, are written as `%XX` (or `%uXXXX` for a surrogate); an empty name is `%`.
 * Every other name, the vast majority, is stored as it is.
 */

// '%' must be escaped too, so that decoding is unambiguous. '$' is escaped anywhere, not only in front.
const NEEDS_ESCAPE = /[%.$\0]|\p{Cs}/gu;
const ESCAPE = /%(?:u([0-9A-F]{4})|([0-9A-F]{2}))/g;
const EMPTY = '%';

export function encodeFieldName(name: string): string {
  if (name === '') return EMPTY;
  return name.replace(NEEDS_ESCAPE, (ch) => {
    const code = ch.charCodeAt(0);
    return code >= 0xd800 && code <= 0xdfff
      ? `%u${code.toString(16).toUpperCase()}`
      : `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
  });
}

export function decodeFieldName(name: string): string {
  if (name === EMPTY) return '';
  if (!name.includes('%')) return name;
  return name.replace(ESCAPE, (_all, surrogate: string | undefined, byte: string | undefined) =>
    String.fromCharCode(parseInt(surrogate ?? (byte as string), 16)),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function mapFields(value: unknown, rename: (name: string) => string): unknown {
  if (Array.isArray(value)) {
    // As in JSON: an undefined array element becomes null (BSON has no undefined).
    return value.map((element: unknown) => (element === undefined ? null : mapFields(element, rename)));
  }
  if (!isPlainObject(value)) return value; // strings, numbers, booleans, null, Date, Buffer…
  // Object.fromEntries defines own properties, so a field named "__proto__" stays a field.
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== undefined) // as in JSON: undefined fields are left out
      .map(([name, field]) => [rename(name), mapFields(field, rename)]),
  );
}

/** A deep copy of `value` whose object field names are safe for MongoDB. */
export function encodeFields(value: unknown): unknown {
  return mapFields(value, encodeFieldName);
}

/** The inverse of {@link encodeFields}. */
export function decodeFields(value: unknown): unknown {
  return mapFields(value, decodeFieldName);
}
