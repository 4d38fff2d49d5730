import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One message as the test SMTP server received it. */
export interface ReceivedEmail {
  /** Envelope sender and recipients. */
  from: string;
  to: string[];
  /** The authenticated user, if any. */
  user?: string;
  /** The raw RFC 5322 message. */
  raw: string;
}

export interface SmtpTestServerOptions {
  /** Require AUTH with these credentials; without them the server accepts anonymous mail. */
  auth?: { user: string; password: string };
  /** Refuse every message after DATA with this SMTP reply, e.g. 550. */
  rejectWith?: { responseCode: number; message: string };
}

/** A loopback SMTP server for adapter tests only (it loads a devDependency). */
export interface SmtpTestServer {
  port: number;
  /** An `smtp://` URL for this server, with the given credentials when present. */
  url(credentials?: { user: string; password: string }): string;
  received: ReceivedEmail[];
  close(): Promise<void>;
}

/** Starts `smtp-server` on 127.0.0.1 with an ephemeral port: plain SMTP, STARTTLS disabled. */
export async function startSmtpTestServer(options: SmtpTestServerOptions = {}): Promise<SmtpTestServer> {
  const received: ReceivedEmail[] = [];
  const { auth, rejectWith } = options;
  const server = new SMTPServer({
    secure: false,
    // Plain AUTH over loopback: the test has no certificate the client would trust for STARTTLS.
    disabledCommands: auth === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: auth === undefined,
    logger: false,
    onAuth(attempt, _session, callback) {
      if (auth !== undefined && attempt.username === auth.user && attempt.password === auth.password) {
        callback(null, { user: attempt.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (rejectWith !== undefined) {
          callback(Object.assign(new Error(rejectWith.message), { responseCode: rejectWith.responseCode }));
          return;
        }
        const user = typeof session.user === 'string' ? session.user : undefined;
        received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((recipient) => recipient.address),
          ...(user === undefined ? {} : { user }),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    url(credentials) {
      const userInfo =
        credentials === undefined
          ? ''
          : `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@`;
      return `smtp://${userInfo}127.0.0.1:${port}`;
    },
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
