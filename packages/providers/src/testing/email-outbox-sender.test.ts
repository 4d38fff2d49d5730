import { describe, expect, it } from 'vitest';
import { createOutboxEmailSender } from './email-outbox-sender.js';

describe('outbox email sender', () => {
  it('records messages in order with the default sender filled in', async () => {
    const sender = createOutboxEmailSender({ from: 'App <app@example.test>' });
    const receipt = await sender.send({ to: 'a@example.test', subject: 'One', text: 'first' });
    await sender.send({
      to: ['b@example.test', 'c@example.test'],
      from: 'x@example.test',
      subject: 'Two',
      text: '2',
    });
    expect(receipt).toMatchObject({
      provider: 'log',
      messageId: expect.stringMatching(/^<.+@outbox\.test>$/),
    });
    expect(sender.outbox).toEqual([
      { from: 'App <app@example.test>', to: ['a@example.test'], subject: 'One', text: 'first' },
      { from: 'x@example.test', to: ['b@example.test', 'c@example.test'], subject: 'Two', text: '2' },
    ]);
  });

  it('rejects what a real sender would reject, and everything once closed', async () => {
    const sender = createOutboxEmailSender();
    await expect(sender.send({ to: 'not-an-address', subject: 's', text: 't' })).rejects.toMatchObject({
      code: 'BadRequest',
    });
    await expect(
      sender.send({ to: 'a@example.test', subject: 'line\nbreak', text: 't' }),
    ).rejects.toMatchObject({
      code: 'BadRequest',
    });
    expect(sender.outbox).toEqual([]);
    await sender.close();
    await expect(sender.send({ to: 'a@example.test', subject: 's', text: 't' })).rejects.toMatchObject({
      code: 'ServiceUnavailable',
    });
  });
});
