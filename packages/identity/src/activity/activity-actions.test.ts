import { describe, expect, it } from 'vitest';
import { ACTIVITY_ACTIONS, assertActivityEvent } from './activity-actions.js';

describe('ACTIVITY_ACTIONS', () => {
  it('declares every action of spec §10.3', () => {
    expect(Object.keys(ACTIVITY_ACTIONS)).toEqual(
      expect.arrayContaining([
        'auth.signup.success',
        'auth.signup.failure',
        'auth.login.success',
        'auth.login.failure',
        'auth.logout',
        'auth.password.changed',
        'auth.service_account.issued',
        'auth.service_account.revoked',
        'tenant.lifecycle',
        'tenant.account.created',
        'tenant.account.updated',
        'conversation.run.completed',
        'workflow.run.cancelled',
        'billing.invoice.failed',
        'storage.file.deleted',
        'vector.file.synced',
        'container.lifecycle',
      ]),
    );
    expect(Object.keys(ACTIVITY_ACTIONS)).toHaveLength(26);
  });

  it('accepts required plus optional keys', () => {
    expect(() => assertActivityEvent('auth.login.success', { method: 'password' })).not.toThrow();
    expect(() =>
      assertActivityEvent('tenant.lifecycle', {
        status: 'suspended',
        previous_status: 'active',
        reason: 'x',
      }),
    ).not.toThrow();
    expect(() => assertActivityEvent('conversation.cleared', {})).not.toThrow();
  });

  it('throws a TypeError for an unknown action, a missing required key or an unknown key', () => {
    expect(() => assertActivityEvent('auth.teleported', {})).toThrow(TypeError);
    // Inherited properties are not actions.
    expect(() => assertActivityEvent('toString', {})).toThrow(TypeError);
    expect(() => assertActivityEvent('auth.login.failure', {})).toThrow(/missing metadata: reason/);
    expect(() => assertActivityEvent('auth.login.success', { method: 'password', password: 'x' })).toThrow(
      /does not allow metadata: password/,
    );
  });
});
