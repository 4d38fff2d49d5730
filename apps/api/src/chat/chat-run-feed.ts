import type { PublicSseEvent } from '@starter/contracts';

/** What a follower on the driving instance hears from the run's feed. */
export interface RunFeedListener {
  /** A frame, after its ledger append (the same moment it is published on the live channel). */
  frame(frame: PublicSseEvent): void;
  /** The drive is over: no frame follows on this feed (the follower re-reads the registry). */
  end(): void;
}

/**
 * The in-process fan-out of one run driven by this instance: followers here take frames straight from
 * the driver instead of a round trip through the KV channel (and a JSON.parse each). The KV publish still
 * happens for followers on other replicas.
 */
export interface RunFeed {
  /** Hands `frame` to every listener, synchronously and in emit order. */
  deliver(frame: PublicSseEvent): void;
  /** Ends the feed: listeners get `end` once; later `listen` calls return null. */
  end(): void;
  /** Adds a listener, or returns null once the feed has ended; the returned function removes it. */
  listen(listener: RunFeedListener): (() => void) | null;
}

/** A feed; its listeners must not throw (the driver delivers inside its ordered delivery chain). */
export function createRunFeed(): RunFeed {
  const listeners = new Set<RunFeedListener>();
  let ended = false;
  return {
    deliver(frame) {
      for (const listener of listeners) listener.frame(frame);
    },
    end() {
      if (ended) return;
      ended = true;
      for (const listener of listeners) listener.end();
      listeners.clear();
    },
    listen(listener) {
      if (ended) return null;
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
