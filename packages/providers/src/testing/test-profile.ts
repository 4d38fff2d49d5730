/** Which real services the current test run may use; each is unset in the embedded profile. */
export interface TestProfile {
  databaseUrl?: string;
  redisUrl?: string;
}

/** Reads `DATABASE_URL` / `REDIS_URL` (empty counts as unset): the only env reads tests need. */
export function testProfile(): TestProfile {
  const profile: TestProfile = {};
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  if (databaseUrl) profile.databaseUrl = databaseUrl;
  if (redisUrl) profile.redisUrl = redisUrl;
  return profile;
}
