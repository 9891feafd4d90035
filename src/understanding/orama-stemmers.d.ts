/* Types for the Snowball stemmers of @orama/stemmers (its subpath exports need moduleResolution node16+). */
declare module '@orama/stemmers/english' {
  export function stemmer(word: string): string;
}
declare module '@orama/stemmers/dutch' {
  export function stemmer(word: string): string;
}
declare module '@orama/stemmers/french' {
  export function stemmer(word: string): string;
}
