// Ends a forked bench child (the app, the SSE client): disconnecting tells it to close what it holds.
import type { ChildProcess } from 'node:child_process';

/** Disconnects the child and waits for it to exit, killing it if it has not within 5 s. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  if (child.connected) child.disconnect();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
