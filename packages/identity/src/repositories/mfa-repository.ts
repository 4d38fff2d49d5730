import type { UserId } from '@starter/contracts';
import { type Kysely, sql } from 'kysely';
import type { IdentityDatabase, MfaMethodRow } from '../schema/identity-database.js';
import type { MfaMethodType } from '../schema/identity-enums.js';
import { inTransaction } from './in-transaction.js';
import { isUuid } from './is-uuid.js';
import { toCount } from './offset-page.js';

/** A new (unverified) MFA method. */
export interface CreateMfaMethodInput {
  methodType: MfaMethodType;
  label: string | null;
  secretEncrypted: string | null;
}

/**
 * Data access for `user_mfa_methods` and `user_recovery_codes`. Every method is scoped by user id, so a
 * method id guessed from another account never matches.
 */
export interface MfaRepository {
  createMethod(userId: UserId, input: CreateMfaMethodInput): Promise<MfaMethodRow>;
  /** All of a user's methods (revoked ones too), oldest first. */
  listMethods(userId: UserId): Promise<MfaMethodRow[]>;
  findMethod(userId: UserId, methodId: string): Promise<MfaMethodRow | undefined>;
  /** Verified, unrevoked methods: the ones that make login ask for a second factor. */
  listActiveMethods(userId: UserId): Promise<MfaMethodRow[]>;
  /**
   * Accepts a TOTP time step on an unrevoked method: marks it verified (first time) and used, only if
   * `step` is newer than the last accepted one, so a code cannot be replayed. `undefined` when refused.
   */
  acceptTotpStep(userId: UserId, methodId: string, step: number): Promise<MfaMethodRow | undefined>;
  /** Soft-revokes a method; false when missing or already revoked. */
  revokeMethod(userId: UserId, methodId: string): Promise<boolean>;
  /** Replaces all recovery codes with the given hashes in one transaction; returns how many were stored. */
  replaceRecoveryCodes(userId: UserId, codeHashes: readonly string[]): Promise<number>;
  /** Marks a recovery code used if it exists and is unused; atomic, so a code works exactly once. */
  useRecoveryCode(userId: UserId, codeHash: string): Promise<boolean>;
  countUnusedRecoveryCodes(userId: UserId): Promise<number>;
}

/** Creates the MFA repository over an identity database (or a transaction on one). */
export function createMfaRepository(db: Kysely<IdentityDatabase>): MfaRepository {
  const now = sql<Date>`now()`;
  const methods = (userId: UserId) =>
    db
      .selectFrom('user_mfa_methods')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at')
      .orderBy('id');

  return {
    createMethod: (userId, input) =>
      db
        .insertInto('user_mfa_methods')
        .values({
          user_id: userId,
          method_type: input.methodType,
          label: input.label,
          secret_encrypted: input.secretEncrypted,
        })
        .returningAll()
        .executeTakeFirstOrThrow(),

    listMethods: (userId) => methods(userId).execute(),

    findMethod: async (userId, methodId) => {
      if (!isUuid(methodId)) return undefined;
      return db
        .selectFrom('user_mfa_methods')
        .selectAll()
        .where('user_id', '=', userId)
        .where('id', '=', methodId)
        .executeTakeFirst();
    },

    listActiveMethods: (userId) =>
      methods(userId).where('verified_at', 'is not', null).where('revoked_at', 'is', null).execute(),

    acceptTotpStep: async (userId, methodId, step) => {
      if (!isUuid(methodId)) return undefined;
      return db
        .updateTable('user_mfa_methods')
        .set((eb) => ({
          verified_at: eb.fn.coalesce('verified_at', now),
          last_used_at: now,
          last_used_step: step,
          updated_at: now,
        }))
        .where('user_id', '=', userId)
        .where('id', '=', methodId)
        .where('method_type', '=', 'totp')
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
        .returningAll()
        .executeTakeFirst();
    },

    revokeMethod: async (userId, methodId) => {
      if (!isUuid(methodId)) return false;
      const result = await db
        .updateTable('user_mfa_methods')
        .set({ revoked_at: now, updated_at: now })
        .where('user_id', '=', userId)
        .where('id', '=', methodId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    replaceRecoveryCodes: (userId, codeHashes) =>
      inTransaction(db, async (trx) => {
        await trx.deleteFrom('user_recovery_codes').where('user_id', '=', userId).execute();
        if (codeHashes.length === 0) return 0;
        const inserted = await trx
          .insertInto('user_recovery_codes')
          .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
          .returning('id')
          .execute();
        return inserted.length;
      }),

    useRecoveryCode: async (userId, codeHash) => {
      const used = await db
        .updateTable('user_recovery_codes')
        .set({ used_at: now })
        .where('user_id', '=', userId)
        .where('code_hash', '=', codeHash)
        .where('used_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      return used !== undefined;
    },

    countUnusedRecoveryCodes: async (userId) => {
      const row = await db
        .selectFrom('user_recovery_codes')
        .select((eb) => eb.fn.countAll().as('unused'))
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return toCount(row?.unused);
    },
  };
}
