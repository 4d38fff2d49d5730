// A plain Node script using @starter/agent-runtime on its own: it defines an agent and streams one run with
// the default in-memory stores. No HTTP server, no database, and no OpenAI key: the offline demo model answers.
//
//   pnpm --filter "@starter/agent-runtime..." build
//   node packages/agent-runtime/examples/standalone.mjs "use tool get_current_time"
import { createAgentRuntime, defineAgent } from '@starter/agent-runtime';

const assistant = defineAgent({
  key: 'assistant',
  displayName: 'Assistant',
  description: 'Answers briefly and can tell the time.',
  instructions: 'You are a concise assistant. Greet {{ user.name }} and answer the question.',
  promptDefaults: { user: { name: 'there' } },
  toolKeys: ['get_current_time'],
});

// Checks the agent against the tool and guardrail registries; no `openai` client → the demo model.
const runtime = await createAgentRuntime({ agents: [assistant] });

const message = process.argv[2] ?? 'Hello from a plain Node script';
const stream = await runtime.stream({ message });
for await (const frame of stream.frames) {
  // Every frame is a public_sse_v1 event; `final` (or `error`) is always the last one.
  console.log(`#${frame.event_id} ${frame.kind} ${describe(frame)}`.trimEnd());
}

const outcome = await stream.outcome;
console.log(`final status: ${outcome.status}`);
console.log(`answer: ${outcome.responseText}`);
await runtime.close();

/** A short detail per frame kind, for the log. */
function describe(frame) {
  switch (frame.kind) {
    case 'message.delta':
      return JSON.stringify(frame.delta);
    case 'tool.status':
      return `${frame.tool.name} ${frame.tool.status}`;
    case 'tool.output':
      return JSON.stringify(frame.output);
    case 'final':
      return frame.final.status;
    default:
      return frame.status ?? '';
  }
}
