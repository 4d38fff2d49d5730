import { AppError, type UserId } from '@starter/contracts';
import { type Insertable, type Kysely, sql, type Updateable, type UpdateObject } from 'kysely';
import type { IdentityDatabase, UserProfileRow, UserRow } from '../schema/identity-database.js';
import type { UserStatus } from '../schema/identity-enums.js';
import type { UserProfilesTable, UsersTable } from '../schema/users-tables.js';
import { inTransaction } from './in-transaction.js';
import { isUniqueViolation } from './unique-violation.js';

const EMAIL_KEY = 'users_email_lower_key';

/** Profile fields a caller may set (everything but the key and timestamps). */
export type UserProfileFields = Omit<Updateable<UserProfilesTable>, 'user_id' | 'created_at' | 'updated_at'>;

/** A new user and, optionally, their profile. */
export interface CreateUserInput {
  user: Omit<Insertable<UsersTable>, 'id' | 'created_at' | 'updated_at'>;
  profile?: UserProfileFields;
}

/** A new password: the hash, its pepper version, and how many past hashes to keep. */
export interface PasswordUpdate {
  passwordHash: string;
  pepperVersion: number;
  historyLimit: number;
}

/** A previously used password hash (newest first). */
export interface PasswordHistoryEntry {
  password_hash: string;
  password_pepper_version: number;
}

/** Data access for `users`, `user_profiles` and `password_history`. */
export interface UsersRepository {
  /** Inserts a user with a profile row (and the initial password in history); 409 when the email is taken. */
  create(input: CreateUserInput): Promise<{ user: UserRow; profile: UserProfileRow }>;
  findById(id: UserId): Promise<UserRow | undefined>;
  /** Looks an email up case-insensitively. */
  findByEmail(email: string): Promise<UserRow | undefined>;
  findProfile(id: UserId): Promise<UserProfileRow | undefined>;
  /** Applies a partial profile update; `undefined` when the user has no profile row. */
  updateProfile(id: UserId, fields: UserProfileFields): Promise<UserProfileRow | undefined>;
  /** Sets the status; leaving `locked` always clears `locked_until`. */
  updateStatus(id: UserId, status: UserStatus): Promise<UserRow | undefined>;
  /** Locks the account until the given time (spec §7.5 lockout). */
  lock(id: UserId, until: Date): Promise<UserRow | undefined>;
  /** Reactivates a locked account; a user in any other status is left alone (returns `undefined`). */
  unlock(id: UserId): Promise<UserRow | undefined>;
  markEmailVerified(id: UserId, at?: Date): Promise<UserRow | undefined>;
  /** Changes the email and clears its verification; 409 when the new email is taken. */
  changeEmail(id: UserId, email: string): Promise<UserRow | undefined>;
  recordLogin(id: UserId, at?: Date): Promise<void>;
  /** Sets a new password, appends it to history and trims history to `historyLimit`, in one transaction. */
  updatePassword(id: UserId, update: PasswordUpdate): Promise<UserRow | undefined>;
  /**
   * Replaces the stored hash of the unchanged password by a stronger one (login rehash), in the user row
   * and its history entry. Only when the stored hash is still `previousHash`, so a concurrent password
   * change wins; false when nothing was replaced. Not a password change: `password_changed_at` stays.
   */
  rehashPassword(
    id: UserId,
    previousHash: string,
    next: { passwordHash: string; pepperVersion: number },
  ): Promise<boolean>;
  /** The newest `limit` password hashes, newest first (the current one included). */
  recentPasswordHashes(id: UserId, limit: number): Promise<PasswordHistoryEntry[]>;
}

function emailTaken(error: unknown): never {
  if (isUniqueViolation(error, EMAIL_KEY)) {
    throw new AppError('Conflict', 'An account with this email already exists.', { cause: error });
  }
  throw error;
}

/** Creates the users repository over an identity database (or a transaction on one). */
export function createUsersRepository(db: Kysely<IdentityDatabase>): UsersRepository {
  const update = (id: UserId, values: UpdateObject<IdentityDatabase, 'users'>) =>
    db
      .updateTable('users')
      .set({ ...values, updated_at: sql<Date>`now()` })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();

  return {
    create: (input) =>
      inTransaction(db, async (trx) => {
        const user = await trx
          .insertInto('users')
          .values(input.user)
          .returningAll()
          .executeTakeFirstOrThrow()
          .catch(emailTaken);
        const profile = await trx
          .insertInto('user_profiles')
          .values({ ...input.profile, user_id: user.id })
          .returningAll()
          .executeTakeFirstOrThrow();
        if (user.password_hash !== null) {
          await trx
            .insertInto('password_history')
            .values({
              user_id: user.id,
              password_hash: user.password_hash,
              password_pepper_version: user.password_pepper_version,
            })
            .execute();
        }
        return { user, profile };
      }),

    findById: (id) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),

    findByEmail: (email) =>
      db
        .selectFrom('users')
        .selectAll()
        .where(sql`lower(email)`, '=', sql`lower(${email})`)
        .executeTakeFirst(),

    findProfile: (id) =>
      db.selectFrom('user_profiles').selectAll().where('user_id', '=', id).executeTakeFirst(),

    updateProfile: (id, fields) =>
      db
        .updateTable('user_profiles')
        .set({ ...fields, updated_at: sql<Date>`now()` })
        .where('user_id', '=', id)
        .returningAll()
        .executeTakeFirst(),

    updateStatus: (id, status) =>
      update(id, status === 'locked' ? { status } : { status, locked_until: null }),

    lock: (id, until) => update(id, { status: 'locked', locked_until: until }),

    unlock: (id) =>
      db
        .updateTable('users')
        .set({ status: 'active', locked_until: null, updated_at: sql<Date>`now()` })
        .where('id', '=', id)
        .where('status', '=', 'locked')
        .returningAll()
        .executeTakeFirst(),

    markEmailVerified: (id, at) => update(id, { email_verified_at: at ?? sql<Date>`now()` }),

    changeEmail: (id, email) => update(id, { email, email_verified_at: null }).catch(emailTaken),

    recordLogin: async (id, at) => {
      await db
        .updateTable('users')
        .set({ last_login_at: at ?? sql<Date>`now()` })
        .where('id', '=', id)
        .execute();
    },

    rehashPassword: (id, previousHash, next) =>
      inTransaction(db, async (trx) => {
        const replaced = await trx
          .updateTable('users')
          .set({ password_hash: next.passwordHash, password_pepper_version: next.pepperVersion })
          .where('id', '=', id)
          .where('password_hash', '=', previousHash)
          .executeTakeFirst();
        if (replaced.numUpdatedRows === 0n) return false;
        await trx
          .updateTable('password_history')
          .set({ password_hash: next.passwordHash, password_pepper_version: next.pepperVersion })
          .where('user_id', '=', id)
          .where('password_hash', '=', previousHash)
          .execute();
        return true;
      }),

    updatePassword: (id, { passwordHash, pepperVersion, historyLimit }) =>
      inTransaction(db, async (trx) => {
        const user = await trx
          .updateTable('users')
          .set({
            password_hash: passwordHash,
            password_pepper_version: pepperVersion,
            password_changed_at: sql<Date>`now()`,
            updated_at: sql<Date>`now()`,
          })
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        if (!user) return undefined;
        await trx
          .insertInto('password_history')
          .values({ user_id: id, password_hash: passwordHash, password_pepper_version: pepperVersion })
          .execute();
        // Identity ids grow with insertion, so they order history even within one transaction's now().
        await trx
          .deleteFrom('password_history')
          .where('user_id', '=', id)
          .where(
            'id',
            'not in',
            trx
              .selectFrom('password_history')
              .select('id')
              .where('user_id', '=', id)
              .orderBy('id', 'desc')
              .limit(Math.max(historyLimit, 1)),
          )
          .execute();
        return user;
      }),

    recentPasswordHashes: (id, limit) =>
      db
        .selectFrom('password_history')
        .select(['password_hash', 'password_pepper_version'])
        .where('user_id', '=', id)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute(),
  };
}
