export interface EmailMessage {
  to: string | string[];
  /** Defaults to the sender's configured from-address. */
  from?: string;
  subject: string;
  text: string;
  html?: string;
  /** Headers such as `List-Unsubscribe`. */
  headers?: Record<string, string>;
}

export interface EmailReceipt {
  messageId: string;
  /** Which sender delivered it: `log`, `smtp`. */
  provider: string;
}

/** The email port: a log sink when embedded, SMTP in production. */
export interface EmailSender {
  readonly provider: 'log' | 'smtp';
  send(message: EmailMessage): Promise<EmailReceipt>;
  close(): Promise<void>;
}
