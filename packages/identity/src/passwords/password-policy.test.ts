import { isAppError } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { createPasswordHasher } from './password-hasher.js';
import { createPasswordPolicy } from './password-policy.js';

const STRONG = 'kR7#vLq9!mZp2Wx-Tb';
const CHEAP = { memoryCost: 256, timeCost: 1, parallelism: 1 };

describe('createPasswordPolicy().check', () => {
  const policy = createPasswordPolicy();

  it('accepts a long, mixed, unguessable password', () => {
    expect(policy.check(STRONG)).toEqual({ ok: true, problems: [] });
  });

  it('accepts a long passphrase with two classes', () => {
    expect(policy.check('correct horse battery staple').ok).toBe(true);
  });

  it('requires the minimum length, counting characters not bytes', () => {
    const result = policy.check('kR7#vLq9!mZp2');
    expect(result.ok).toBe(false);
    expect(result.problems).toContain('Password must be at least 14 characters long.');
    expect(policy.check('ñ'.repeat(13)).problems).toContain('Password must be at least 14 characters long.');
  });

  it('requires at least two character classes', () => {
    const result = policy.check('qzmxnvbpwoeiruty');
    expect(result.problems).toContain(
      'Password must use at least 2 of: uppercase letters, lowercase letters, digits, symbols.',
    );
  });

  it('rejects a common password as too guessable with zxcvbn feedback', () => {
    const result = policy.check('Password12345678');
    expect(result.ok).toBe(false);
    expect(result.problems.some((problem) => problem.startsWith('Password is too guessable'))).toBe(true);
  });

  it('rejects keyboard walks and repeats', () => {
    expect(policy.check('qwertyuiop123456').ok).toBe(false);
    expect(policy.check('aaaaaaaaaaaaaaaaA1').ok).toBe(false);
  });

  it('uses the email and its local part as user inputs', () => {
    const context = { email: 'zorblatt.quenchwick@example.com' };
    const guessable = (password: string, ctx = {}) =>
      policy.check(password, ctx).problems.some((problem) => problem.startsWith('Password is too guessable'));
    // Strong in general, weak for this user: it is their email's local part.
    expect(guessable('Zorblatt.Quenchwick')).toBe(false);
    expect(guessable('Zorblatt.Quenchwick', context)).toBe(true);
    expect(policy.check('Zorblatt.Quenchwick', context).problems).toContain(
      'Password is too guessable: There should not be any personal or page related data.',
    );
    expect(guessable('zorblatt.quenchwick@example.com', context)).toBe(true);
  });

  it('uses extra user inputs', () => {
    const password = 'Zephyrine Quillbottom';
    expect(policy.check(password).ok).toBe(true);
    expect(policy.check(password, { userInputs: ['Zephyrine Quillbottom'] }).ok).toBe(false);
  });

  it('reports every problem at once', () => {
    expect(policy.check('abc').problems).toHaveLength(3);
    expect(policy.check('').problems).toHaveLength(3);
  });

  it('caps the length without running the estimator on huge input', () => {
    const result = policy.check(`${STRONG}${'x'.repeat(300)}`);
    expect(result.problems).toEqual(['Password must be at most 256 characters long.']);
  });

  it('never echoes the password in its messages', () => {
    const password = 'password123password';
    for (const problem of policy.check(password, { email: 'me@example.com' }).problems) {
      expect(problem).not.toContain(password);
    }
  });

  it('honours custom options', () => {
    const lenient = createPasswordPolicy({ minLength: 8, minClasses: 1, minScore: 0 });
    expect(lenient.check('abcdefgh').ok).toBe(true);
    const strict = createPasswordPolicy({ minClasses: 4 });
    expect(strict.check('correct horse battery staple').ok).toBe(false);
    expect(strict.check(STRONG).ok).toBe(true);
  });

  it('validates options when created', () => {
    expect(() => createPasswordPolicy({ minScore: 5 })).toThrow(RangeError);
    expect(() => createPasswordPolicy({ minClasses: 0 })).toThrow(RangeError);
    expect(() => createPasswordPolicy({ minLength: 0 })).toThrow(RangeError);
    expect(() => createPasswordPolicy({ minLength: 20, maxLength: 10 })).toThrow(RangeError);
    expect(() => createPasswordPolicy({ historyCount: -1 })).toThrow(RangeError);
    expect(() => createPasswordPolicy({ historyCount: 1.5 })).toThrow(RangeError);
  });
});

describe('createPasswordPolicy().assertAcceptable', () => {
  const policy = createPasswordPolicy();

  it('passes silently for an acceptable password', () => {
    expect(() => policy.assertAcceptable(STRONG, { email: 'a@example.com' })).not.toThrow();
  });

  it('throws a BadRequest AppError listing the problems', () => {
    let thrown: unknown;
    try {
      policy.assertAcceptable('short');
    } catch (error) {
      thrown = error;
    }
    expect(isAppError(thrown)).toBe(true);
    if (!isAppError(thrown)) return;
    expect(thrown.code).toBe('BadRequest');
    expect(thrown.status).toBe(400);
    expect(thrown.message).toBe('Password does not meet the policy.');
    expect(thrown.details).toEqual({ problems: policy.check('short').problems });
  });
});

describe('createPasswordPolicy().isReused', () => {
  const hasher = createPasswordHasher({ pepper: 'history-pepper', cost: CHEAP });

  it('detects a password among the last N hashes and ignores older ones', async () => {
    const policy = createPasswordPolicy({ historyCount: 3 });
    const passwords = ['first-Password-1', 'second-Password-2', 'third-Password-3', 'fourth-Password-4'];
    // Newest first, as the history repository returns them.
    const hashes = await Promise.all([...passwords].reverse().map((password) => hasher.hash(password)));
    expect(await policy.isReused('fourth-Password-4', hashes, hasher)).toBe(true);
    expect(await policy.isReused('second-Password-2', hashes, hasher)).toBe(true);
    expect(await policy.isReused('first-Password-1', hashes, hasher)).toBe(false);
    expect(await policy.isReused('brand-New-Password-5', hashes, hasher)).toBe(false);
  });

  it('defaults to a history of 5', async () => {
    const policy = createPasswordPolicy();
    expect(policy.historyCount).toBe(5);
    const hashes = await Promise.all(['p0', 'p1', 'p2', 'p3', 'p4', 'p5'].map((p) => hasher.hash(p)));
    expect(await policy.isReused('p4', hashes, hasher)).toBe(true);
    expect(await policy.isReused('p5', hashes, hasher)).toBe(false);
  });

  it('is never reused with an empty history, a zero history count or malformed hashes', async () => {
    const hash = await hasher.hash('same-Password-1');
    expect(await createPasswordPolicy().isReused('same-Password-1', [], hasher)).toBe(false);
    expect(await createPasswordPolicy({ historyCount: 0 }).isReused('same-Password-1', [hash], hasher)).toBe(
      false,
    );
    expect(await createPasswordPolicy().isReused('same-Password-1', ['garbage', ''], hasher)).toBe(false);
  });

  it('does not match a hash made under another pepper', async () => {
    const other = createPasswordHasher({ pepper: 'other-pepper', cost: CHEAP });
    const hash = await other.hash('same-Password-1');
    expect(await createPasswordPolicy().isReused('same-Password-1', [hash], hasher)).toBe(false);
  });
});
