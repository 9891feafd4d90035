/** Database names MongoDB accepts (the characters refused on any platform, at most 63 bytes). */
export const DB_NAME_PATTERN = /^[^/\\. "$*<>:|?\0]{1,63}$/;
export const DB_NAME_RULE = 'must be 1-63 characters without / \\ . space " $ * < > : | ?';
/** Collection names MongoDB accepts (no '$' or NUL, not in the system namespace). */
export const COLLECTION_PATTERN = /^(?!system\.)[^$\0]{1,120}$/;
export const COLLECTION_RULE = 'must be 1-120 characters without $, not starting with "system."';
