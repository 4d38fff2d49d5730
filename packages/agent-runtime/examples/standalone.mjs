// A plain Node script: define an agent and stream a run with in-memory stores, no HTTP, no database.
// Build once (`pnpm --filter @starter/agent-runtime... build`), then `node examples/standalone.mjs "Hello"`.
import { createAgentRuntime, defineAgent } from '@starter/agent-runtime';

const greeter = defineAgent({
  key: 'greeter',
  displayName: 'Greeter',
  description: 'Greets the user and tells the time.',
  instructions: 'You are a friendly assistant. Greet {{ user.name }} and answer briefly.',
  promptDefaults: { user: { name: 'there' } },
  toolKeys: ['get_current_time'],
});

// No `openai` client: every agent runs on the offline demo model.
const runtime = await createAgentRuntime({ agents: [greeter] });

const stream = await runtime.stream({ message: process.argv[2] ?? 'Hello from a plain Node script' });
for await (const frame of stream.frames) {
  console.log(`frame ${frame.event_id} ${frame.kind}`);
}
const outcome = await stream.outcome;
console.log(`status: ${outcome.status}`);
console.log(`answer: ${outcome.responseText}`);

await runtime.close();
