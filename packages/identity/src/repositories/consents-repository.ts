import type { UserId } from '@starter/contracts';
import type { Kysely } from 'kysely';
import type { ConsentRow, IdentityDatabase } from '../schema/identity-database.js';

/** A policy consent to record. */
export interface ConsentInput {
  policyKey: string;
  version: string;
  ipHash?: string | null;
  userAgentHash?: string | null;
}

/** Data access for `user_consents`. */
export interface ConsentsRepository {
  /** Records a consent once per policy key and version; repeating returns the original record. */
  record(userId: UserId, consent: ConsentInput): Promise<ConsentRow>;
  /** A user's consents, oldest first. */
  list(userId: UserId): Promise<ConsentRow[]>;
}

/** Creates the consents repository over an identity database (or a transaction on one). */
export function createConsentsRepository(db: Kysely<IdentityDatabase>): ConsentsRepository {
  return {
    // The no-op update makes ON CONFLICT return the existing row, keeping its original accepted_at.
    record: (userId, consent) =>
      db
        .insertInto('user_consents')
        .values({
          user_id: userId,
          policy_key: consent.policyKey,
          version: consent.version,
          ip_hash: consent.ipHash ?? null,
          user_agent_hash: consent.userAgentHash ?? null,
        })
        .onConflict((oc) =>
          oc
            .columns(['user_id', 'policy_key', 'version'])
            .doUpdateSet((eb) => ({ policy_key: eb.ref('excluded.policy_key') })),
        )
        .returningAll()
        .executeTakeFirstOrThrow(),

    list: (userId) =>
      db
        .selectFrom('user_consents')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('accepted_at')
        .orderBy('id')
        .execute(),
  };
}
