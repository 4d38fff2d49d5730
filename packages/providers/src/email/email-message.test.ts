import { describe, expect, it } from 'vitest';
import { domainOf, isEmailAddress, normalizeEmailMessage } from './email-message.js';

describe('email message checks', () => {
  it('accepts bare and named addresses, and refuses injected ones', () => {
    for (const good of [
      'a@example.com',
      'first.last+tag@sub.example.org',
      'Team <team@example.com>',
      'dev@localhost',
    ]) {
      expect(isEmailAddress(good), good).toBe(true);
    }
    for (const bad of [
      '',
      'plain',
      'a@',
      '@b.c',
      'a b@c.d',
      'a@b.c\r\nBcc: evil@x.y',
      'Name <a@b.c',
      'x'.repeat(321),
    ]) {
      expect(isEmailAddress(bad), bad).toBe(false);
    }
  });

  it('fills the default sender and copies the recipients', () => {
    const to = ['a@example.com'];
    const message = normalizeEmailMessage(
      {
        to,
        subject: 'Hi',
        text: 'body',
        html: '<p>body</p>',
        headers: { 'List-Unsubscribe': '<https://x.test/u>' },
      },
      'App <app@example.com>',
    );
    expect(message).toEqual({
      from: 'App <app@example.com>',
      to: ['a@example.com'],
      subject: 'Hi',
      text: 'body',
      html: '<p>body</p>',
      headers: { 'List-Unsubscribe': '<https://x.test/u>' },
    });
    expect(message.to).not.toBe(to);
  });

  it('refuses header injection, reserved headers and empty recipient lists', () => {
    const base = { to: 'a@example.com', subject: 'Hi', text: 't' };
    const cases = [
      { ...base, to: [] },
      { ...base, subject: 'Hi\r\nBcc: evil@example.com' },
      { ...base, headers: { Bcc: 'evil@example.com' } },
      { ...base, headers: { 'X-Ok': 'a\nb' } },
      { ...base, headers: { 'Bad Name': 'x' } },
      { ...base, from: 'nope' },
    ];
    for (const message of cases) {
      expect(() => normalizeEmailMessage(message, 'app@example.com'), JSON.stringify(message)).toThrow(
        expect.objectContaining({ code: 'BadRequest' }),
      );
    }
  });

  it('finds the domain for Message-IDs', () => {
    expect(domainOf('App <app@mail.example.com>')).toBe('mail.example.com');
    expect(domainOf('x@y.z')).toBe('y.z');
  });
});
