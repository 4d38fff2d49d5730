import type { Logger } from '@starter/contracts';
import { describe, expect, it } from 'vitest';
import { createLogEmailSender } from './log-email-sender.js';

interface LogLine {
  level: string;
  fields: Record<string, unknown>;
  message: string | undefined;
}

function createCapturingLogger(lines: LogLine[] = [], bindings: Record<string, unknown> = {}): Logger {
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, message?: string): void => {
      lines.push({ level, fields: { ...bindings, ...fields }, message });
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (more) => createCapturingLogger(lines, { ...bindings, ...more }),
  };
}

const message = {
  to: 'user@example.com',
  subject: 'Verify your email',
  text: 'Your code: secret-token-123',
  html: '<p>Your code: secret-token-123</p>',
};

describe('log email sender', () => {
  it('logs email.sent with recipients, subject and message id, but no body by default', async () => {
    const lines: LogLine[] = [];
    const sender = createLogEmailSender({
      logger: createCapturingLogger(lines),
      from: 'App <app@example.com>',
    });
    const receipt = await sender.send(message);

    expect(sender.provider).toBe('log');
    expect(receipt).toEqual({
      provider: 'log',
      messageId: expect.stringMatching(/^<[0-9a-f-]{36}@example\.com>$/),
    });
    expect(lines).toEqual([
      {
        level: 'info',
        message: 'email.sent',
        fields: {
          provider: 'log',
          messageId: receipt.messageId,
          from: 'App <app@example.com>',
          to: ['user@example.com'],
          subject: 'Verify your email',
        },
      },
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret-token-123');
  });

  it('logs the text body when includeBody is on', async () => {
    const lines: LogLine[] = [];
    const sender = createLogEmailSender({
      logger: createCapturingLogger(lines),
      from: 'app@example.com',
      includeBody: true,
    });
    await sender.send({ ...message, to: ['a@example.com', 'b@example.com'] });
    expect(lines[0]?.fields).toMatchObject({ to: ['a@example.com', 'b@example.com'], text: message.text });
    expect(lines[0]?.fields).not.toHaveProperty('html');
  });

  it('validates messages, its sender address, and refuses sends after close', async () => {
    expect(() => createLogEmailSender({ logger: createCapturingLogger(), from: 'nope' })).toThrow(
      /sender address/,
    );
    const lines: LogLine[] = [];
    const sender = createLogEmailSender({ logger: createCapturingLogger(lines), from: 'app@example.com' });
    await expect(sender.send({ ...message, to: 'bad address' })).rejects.toMatchObject({
      code: 'BadRequest',
    });
    await sender.close();
    await sender.close();
    await expect(sender.send(message)).rejects.toMatchObject({ code: 'ServiceUnavailable' });
    expect(lines).toEqual([]);
  });
});
