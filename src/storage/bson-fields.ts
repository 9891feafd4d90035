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

/**
 * An array directly inside an array is stored wrapped as `{ "%a": [...] }`: some MongoDB-compatible servers
 * (FerretDB) refuse nested arrays. No encoded field name is `%a` (a '%' of the caller's is `%25`), so the
 * wrapper cannot be confused with a caller's object.
 */
const NESTED_ARRAY = '%a';

function mapFields(value: unknown, rename: (name: string) => string, encode: boolean): unknown {
  if (Array.isArray(value)) {
    // As in JSON: an undefined array element becomes null (BSON has no undefined).
    return value.map((element: unknown) => {
      if (element === undefined) return null;
      const mapped = mapFields(element, rename, encode);
      return encode && Array.isArray(element) ? { [NESTED_ARRAY]: mapped } : mapped;
    });
  }
  if (!isPlainObject(value)) return value; // strings, numbers, booleans, null, Date, Buffer…
  if (!encode) {
    const names = Object.keys(value);
    if (names.length === 1 && names[0] === NESTED_ARRAY && Array.isArray(value[NESTED_ARRAY]))
      return mapFields(value[NESTED_ARRAY], rename, encode);
  }
  // Object.fromEntries defines own properties, so a field named "__proto__" stays a field.
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => field !== undefined) // as in JSON: undefined fields are left out
      .map(([name, field]) => [rename(name), mapFields(field, rename, encode)]),
  );
}

/** A deep copy of `value` whose object field names (and nested arrays) are safe for MongoDB. */
export function encodeFields(value: unknown): unknown {
  return mapFields(value, encodeFieldName, true);
}

/** The inverse of {@link encodeFields}. */
export function decodeFields(value: unknown): unknown {
  return mapFields(value, decodeFieldName, false);
}
