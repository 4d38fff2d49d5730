import { AppError, type EmailMessage, type EmailSender, type Logger } from '@starter/contracts';

/** Sends a flow email; any delivery failure becomes a 502 whose message and log carry no link or token. */
export async function sendFlowEmail(
  email: EmailSender,
  logger: Logger,
  message: EmailMessage,
  context: { event: string; userId: string },
): Promise<void> {
  try {
    await email.send(message);
  } catch (error) {
    logger.error(
      {
        event: context.event,
        user_id: context.userId,
        outcome: 'delivery_failed',
        exc_type: error instanceof Error ? error.name : typeof error,
      },
      'Email delivery failed',
    );
    throw new AppError('BadGateway', 'Could not deliver the email. Try again later.');
  }
}

/** `${base}/${path}?token=…`, tolerating a trailing slash on the base. */
export function tokenLink(base: string, path: string, token: string): string {
  return `${base.replace(/\/+$/, '')}/${path}?token=${encodeURIComponent(token)}`;
}
