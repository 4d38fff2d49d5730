import { describe, expect, it } from 'vitest';
import { bindLogContext, getLogContext, runWithLogContext } from './log-context.js';
import { parseLogLevel } from './log-level.js';
import { createLogger } from './logger.js';

function capture(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    level,
    service: 'api-service',
    environment: 'test',
    version: '1.2.3',
    destination: { write: (line: string) => void lines.push(JSON.parse(line)) },
  });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes spec §10.1 base fields with a label level and an ISO ms timestamp', () => {
    const { logger, lines } = capture();
    logger.info({ event: 'thing.done', count: 2 }, 'Done');
    expect(lines).toHaveLength(1);
    const line = lines[0]!;
    expect(line).toMatchObject({
      level: 'info',
      logger: 'app',
      service: 'api-service',
      environment: 'test',
      version: '1.2.3',
      event: 'thing.done',
      message: 'Done',
      count: 2,
    });
    expect(line.ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(line).not.toHaveProperty('time');
    expect(line).not.toHaveProperty('msg');
  });

  it('defaults the message to the event name', () => {
    const { logger, lines } = capture();
    logger.warn({ event: 'rate_limit.block' });
    expect(lines[0]).toMatchObject({ level: 'warn', message: 'rate_limit.block' });
  });

  it('accepts levels in any case and filters below them', () => {
    const { logger, lines } = capture('WARNING');
    expect(logger.level).toBe('warn');
    logger.info({ event: 'hidden' });
    logger.error({ event: 'shown' });
    expect(lines.map((line) => line.event)).toEqual(['shown']);
    expect(logger.isLevelEnabled('debug')).toBe(false);
  });

  it('rejects an unknown level and empty identity fields when created', () => {
    expect(() => parseLogLevel('verbose')).toThrow(/Unknown log level/);
    expect(parseLogLevel(' Critical ')).toBe('fatal');
    expect(() =>
      createLogger({
        level: 'info',
        service: ' ',
        environment: 'test',
        version: '1',
        destination: { write() {} },
      }),
    ).toThrow(/service/);
  });

  it('redacts secrets at the top level and inside request-data containers', () => {
    const { logger, lines } = capture();
    logger.info({
      event: 'x',
      authorization: 'Bearer abc',
      password: 'hunter2',
      token: 't',
      client_secret: 's',
      headers: { cookie: 'sid=1', 'set-cookie': 'sid=2', accept: 'json' },
    });
    const text = JSON.stringify(lines[0]);
    for (const secret of ['Bearer abc', 'hunter2', '"t"', 'sid=1', 'sid=2', '"s"'])
      expect(text).not.toContain(secret);
    expect(lines[0]).toMatchObject({
      authorization: '[REDACTED]',
      headers: { accept: 'json', cookie: '[REDACTED]' },
    });
  });

  it('adds the AsyncLocalStorage context to every line, across awaits, without touching the store', async () => {
    const { logger, lines } = capture();
    const store = { correlation_id: 'c-1', request_id: 'r-1' };
    await runWithLogContext(store, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(bindLogContext({ tenant_id: 't-1' })).toBe(true);
      logger.info({ event: 'inside', request_id: 'line-wins' });
    });
    logger.info({ event: 'outside' });
    expect(lines[0]).toMatchObject({ correlation_id: 'c-1', tenant_id: 't-1', request_id: 'line-wins' });
    expect(lines[1]).not.toHaveProperty('correlation_id');
    expect(store).toEqual({ correlation_id: 'c-1', request_id: 'r-1', tenant_id: 't-1' });
    expect(bindLogContext({ user_id: 'u' })).toBe(false);
    expect(getLogContext()).toBeUndefined();
  });

  it('names child loggers without duplicating the logger key', () => {
    const { logger, lines } = capture();
    const child = logger.child({ logger: 'http', component: 'a' }).child({ extra: 1 });
    child.info({ event: 'x' });
    expect(lines[0]).toMatchObject({ logger: 'http', component: 'a', extra: 1 });
    expect(child.pino).toBeDefined();
  });
});
