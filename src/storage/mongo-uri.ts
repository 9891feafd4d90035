/** Why a MongoDB connection string is unusable, or undefined when the driver accepts it. Never echoes it. */
export function mongoUriProblem(uri: string): string | undefined {
  if (!/^mongodb(\+srv)?:\/\//.test(uri)) return 'must start with mongodb:// or mongodb+srv://';
  // Loaded here, not at the top: the driver costs a quarter second at start-up, and only a deployment
  // with MONGODB_URI needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { MongoClient } = require('mongodb') as typeof import('mongodb');
  try {
    new MongoClient(uri); // parses and validates only; no connection is made
    return undefined;
  } catch (e) {
    return e instanceof Error ? e.message : 'could not be parsed';
  }
}
