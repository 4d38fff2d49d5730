import { describe, expect, it } from 'vitest';
import { passwordUserInputs } from './password-user-inputs.js';

describe('passwordUserInputs', () => {
  it('derives the email, local part, its pieces and the domain label', () => {
    expect(passwordUserInputs('Ada.Lovelace+work@Example.com')).toEqual([
      'ada.lovelace+work@example.com',
      'ada.lovelace+work',
      'ada',
      'lovelace',
      'work',
      'example',
    ]);
  });

  it('adds extra inputs, drops short and duplicate words', () => {
    expect(passwordUserInputs('al@x.io', ['Acme Corp', 'al', ' acme corp '])).toEqual([
      'al@x.io',
      'acme corp',
    ]);
  });

  it('works without an email and with an email lacking @', () => {
    expect(passwordUserInputs(undefined, ['Grace'])).toEqual(['grace']);
    expect(passwordUserInputs('grace_hopper')).toEqual(['grace_hopper', 'grace', 'hopper']);
  });
});
