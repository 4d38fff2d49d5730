// The child of `pnpm bench:instructions`, bundled by it and run under callgrind: `runs` streamed runs of
// one path of `bench:runtime` on the demo model, and nothing else.
// Arguments: <path (first word of its name: A, B, C0, C, C', D)> <text | tool> <runs> <words>.
import { createDemoModelProvider } from '@starter/agent-runtime';
import { createScenarios, longMessage, TOOL_MESSAGE } from './scenarios.js';

const [path = 'A', variant = 'text', runs = '0', words = '60'] = process.argv.slice(2);
const { scenarios, close } = await createScenarios(createDemoModelProvider({ tokenDelayMs: 0 }));
const scenario = scenarios.find((candidate) => candidate.name.split(' ')[0] === path);
if (!scenario) throw new Error(`unknown path ${JSON.stringify(path)}`);
const message = variant === 'tool' ? TOOL_MESSAGE : longMessage(Number(words));
for (let run = 0; run < Number(runs); run++) await scenario.run(message);
await close();
