import type { Logger } from '@starter/contracts';
import { afterEach, describe, expect, it } from 'vitest';
import { type SmtpTestServer, startSmtpTestServer } from '../testing/smtp-test-server.js';
import { createSmtpEmailSender } from './smtp-email-sender.js';

const CREDENTIALS = { user: 'mailer', password: 'p@ss:word/secret' };

function createCapturingLogger(
  lines: { level: string; fields: Record<string, unknown>; message?: string }[],
): Logger {
  const at = (level: string) => (fields: Record<string, unknown>, message?: string) => {
    lines.push(message === undefined ? { level, fields } : { level, fields, message });
  };
  const logger: Logger = {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: () => logger,
  };
  return logger;
}

describe('SMTP email sender', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    while (cleanups.length > 0) await cleanups.pop()?.();
  });

  async function server(options: Parameters<typeof startSmtpTestServer>[0] = {}): Promise<SmtpTestServer> {
    const started = await startSmtpTestServer(options);
    cleanups.push(started.close);
    return started;
  }

  it('delivers through an authenticated SMTP server', async () => {
    const smtp = await server({ auth: CREDENTIALS });
    const lines: Parameters<typeof createCapturingLogger>[0] = [];
    const sender = createSmtpEmailSender({
      url: smtp.url(CREDENTIALS),
      from: 'Starter <no-reply@example.com>',
      logger: createCapturingLogger(lines),
    });
    cleanups.push(() => sender.close());

    const receipt = await sender.send({
      to: ['alice@example.com', 'bob@example.com'],
      subject: 'Welcome aboard',
      text: 'Plain text body',
      html: '<p>HTML body</p>',
      headers: { 'List-Unsubscribe': '<https://example.com/unsubscribe>' },
    });

    expect(sender.provider).toBe('smtp');
    expect(receipt).toEqual({ provider: 'smtp', messageId: expect.stringMatching(/^<.+@example\.com>$/) });
    expect(smtp.received).toHaveLength(1);
    const [email] = smtp.received;
    expect(email).toMatchObject({
      from: 'no-reply@example.com',
      to: ['alice@example.com', 'bob@example.com'],
      user: 'mailer',
    });
    expect(email?.raw).toContain('Subject: Welcome aboard');
    expect(email?.raw).toContain('To: alice@example.com, bob@example.com');
    expect(email?.raw).toContain('From: Starter <no-reply@example.com>');
    expect(email?.raw).toContain('Plain text body');
    expect(email?.raw).toContain('<p>HTML body</p>');
    expect(email?.raw).toContain('List-Unsubscribe: <https://example.com/unsubscribe>');
    expect(email?.raw).toContain(`Message-ID: ${receipt.messageId}`);
    expect(lines).toEqual([
      {
        level: 'info',
        message: 'email.sent',
        fields: { provider: 'smtp', messageId: receipt.messageId, recipients: 2, rejected: 0 },
      },
    ]);

    await sender.send({
      to: 'carol@example.com',
      from: 'other@example.com',
      subject: 'Second',
      text: 'again',
    });
    expect(smtp.received[1]).toMatchObject({ from: 'other@example.com', to: ['carol@example.com'] });
  });

  it('maps a rejecting server to BadGateway, logging no URL or password', async () => {
    const smtp = await server({
      auth: CREDENTIALS,
      rejectWith: { responseCode: 550, message: 'Mailbox unavailable' },
    });
    const lines: Parameters<typeof createCapturingLogger>[0] = [];
    const url = smtp.url(CREDENTIALS);
    const sender = createSmtpEmailSender({
      url,
      from: 'no-reply@example.com',
      logger: createCapturingLogger(lines),
    });
    cleanups.push(() => sender.close());

    const error = await sender
      .send({ to: 'a@example.com', subject: 's', text: 't' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      name: 'AppError',
      code: 'BadGateway',
      status: 502,
      message: 'Email delivery failed.',
    });
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(lines).toEqual([
      {
        level: 'warn',
        message: 'email.failed',
        fields: expect.objectContaining({ provider: 'smtp', responseCode: 550 }),
      },
    ]);
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain(CREDENTIALS.password);
    expect(logged).not.toContain(url);
    expect(smtp.received).toEqual([]);
  });

  it('maps wrong credentials and an unreachable server to BadGateway', async () => {
    const smtp = await server({ auth: CREDENTIALS });
    const wrong = createSmtpEmailSender({
      url: smtp.url({ user: 'mailer', password: 'wrong' }),
      from: 'no-reply@example.com',
    });
    cleanups.push(() => wrong.close());
    await expect(wrong.send({ to: 'a@example.com', subject: 's', text: 't' })).rejects.toMatchObject({
      code: 'BadGateway',
      message: 'Email delivery failed.',
    });

    const down = createSmtpEmailSender({
      url: 'smtp://127.0.0.1:1?connectionTimeout=2000',
      from: 'no-reply@example.com',
    });
    cleanups.push(() => down.close());
    await expect(down.send({ to: 'a@example.com', subject: 's', text: 't' })).rejects.toMatchObject({
      code: 'BadGateway',
    });
    expect(smtp.received).toEqual([]);
  });

  it('refuses bad configuration without echoing the URL, and sends nothing after close', async () => {
    const secretUrl = 'http://user:hunter2@mail.example.com';
    const error = (() => {
      try {
        createSmtpEmailSender({ url: secretUrl, from: 'a@example.com' });
      } catch (caught) {
        return caught as Error;
      }
      return undefined;
    })();
    expect(error?.message).toMatch(/smtp:\/\/ or smtps:\/\//);
    expect(error?.message).not.toContain('hunter2');
    expect(() => createSmtpEmailSender({ url: 'not a url hunter2', from: 'a@example.com' })).toThrow(
      /^SMTP URL is not a valid URL\.$/,
    );
    expect(() => createSmtpEmailSender({ url: 'smtp://localhost', from: 'bad' })).toThrow(/sender address/);

    const smtp = await server();
    const sender = createSmtpEmailSender({ url: smtp.url(), from: 'no-reply@example.com' });
    await sender.send({ to: 'a@example.com', subject: 'anonymous', text: 'ok' });
    await sender.close();
    await sender.close();
    await expect(sender.send({ to: 'a@example.com', subject: 's', text: 't' })).rejects.toMatchObject({
      code: 'ServiceUnavailable',
    });
    expect(smtp.received).toHaveLength(1);
  });
});
