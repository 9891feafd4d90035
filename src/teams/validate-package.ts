/**
 * Validates the package's manifest.json and localization files against the official Teams JSON schemas
 * that @microsoft/app-manifest bundles (offline: the `$schema` addresses map to its local copies).
 * That library is a dev dependency: where it is not installed, `undefined` says the check was skipped.
 */
export async function validatePackageFiles(files: Record<string, Buffer>): Promise<string[] | undefined> {
  let utils: typeof import('@microsoft/app-manifest').AppManifestUtils;
  try {
    utils = (await import('@microsoft/app-manifest')).AppManifestUtils;
  } catch {
    return undefined;
  }
  const problems: string[] = [];
  for (const [name, data] of Object.entries(files)) {
    if (!name.endsWith('.json')) continue;
    const json = JSON.parse(data.toString('utf8')) as Parameters<typeof utils.validateAgainstSchema>[0];
    const schema = repairPatterns(await utils.fetchSchema(String(json.$schema)));
    for (const p of await utils.validateAgainstSchema(json, schema)) problems.push(`${name}: ${p}`);
  }
  return problems;
}

/**
 * The official localization schemas (all versions) have two patterns with a lone `]`
 * (`activityTypes\[\b(…)\b]`), which is no valid regular expression in the unicode mode the validator
 * compiles patterns in. Escaping it (`\b\]`) keeps the meaning: a literal `]`.
 */
export function repairPatterns<S>(schema: S): S {
  const fix = (pattern: string) => pattern.replace(/\\b\]/g, '\\b\\]');
  const walk = (node: unknown, key?: string): unknown => {
    if (typeof node === 'string') return key === 'pattern' ? fix(node) : node;
    if (Array.isArray(node)) return node.map((n) => walk(n));
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [key === 'patternProperties' ? fix(k) : k, walk(v, k)]),
    );
  };
  return walk(schema) as S;
}
