import { readFileSync } from 'node:fs';
import { Agent, codeInterpreterTool, imageGenerationTool, type Runner, webSearchTool } from '@openai/agents';
import {
  checkStreamInvariants,
  type PublicSseEvent,
  PublicSseEventSchema,
  type RunAttachment,
  type WorkflowContext,
} from '@starter/contracts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  codeInterpreterTurn,
  createOpenAiTestRunner,
  createOpenAiTestServer,
  imageGenerationTurn,
  type OpenAiTestServer,
  textTurn,
  webSearchTurn,
} from '../testing/openai-server/index.js';
import { normalizeAgentStreamEvent } from './normalize-agent-stream-event.js';
import { projectSdkStream } from './project-sdk-stream.js';
import { createPublicStreamProjector } from './public-stream-projector.js';
import { compareWithFixture } from './stream-skeleton.js';

const FIXTURES = new URL('../../../contracts/src/streaming/fixtures/public-sse-v1/', import.meta.url);

function fixture(name: string): PublicSseEvent[] {
  return readFileSync(new URL(`${name}.ndjson`, FIXTURES), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => PublicSseEventSchema.parse(JSON.parse(line)));
}

function expectValidStream(frames: readonly PublicSseEvent[]): void {
  for (const frame of frames) expect(PublicSseEventSchema.safeParse(frame).error).toBeUndefined();
  expect(checkStreamInvariants(frames)).toEqual([]);
}

let server: OpenAiTestServer;
let runner: Runner;

beforeEach(async () => {
  server = await createOpenAiTestServer();
  runner = createOpenAiTestRunner(server);
});

afterEach(async () => {
  expect(server.pendingTurns()).toBe(0);
  await server.close();
});

const stored = (objectId: string, toolCallId: string): RunAttachment => ({
  object_id: objectId,
  filename: 'file.bin',
  mime_type: 'application/octet-stream',
  size_bytes: 3,
  url: 'https://storage.example.com/presigned',
  tool_call_id: toolCallId,
});

describe('collected artifacts and final attachments', () => {
  it('collects the generated image; final carries the stored, validated, deduplicated attachments', async () => {
    const agent = new Agent({
      name: 'image_studio',
      instructions: 'Draw.',
      model: 'gpt-4.1',
      tools: [imageGenerationTool()],
    });
    server.enqueue(
      imageGenerationTurn({
        partials: ['cDE=', 'cDI='],
        result: 'ZmluYWw=',
        outputFormat: 'webp',
        revisedPrompt: 'a cat',
        answer: 'Here it is.',
      }),
    );
    const dropped: unknown[] = [];
    const projector = createPublicStreamProjector({
      streamId: 'chat_images',
      conversationId: 'conv_art',
      agent: agent.name,
      onInvalidAttachment: (attachment) => dropped.push(attachment),
    });
    const frames: PublicSseEvent[] = [];
    const result = await runner.run(agent, 'Draw a cat', { stream: true });
    // What the runtime does: store what the projector collected, then finish with the stored files.
    await projectSdkStream(
      result,
      projector,
      (frame) => frames.push(frame),
      () => {
        const attachments = projector
          .collectedArtifacts()
          .map((artifact) => stored('obj_img', artifact.toolCallId ?? ''));
        const invalid = { object_id: '', filename: 'x' } as unknown as RunAttachment;
        return { attachments: [...attachments, ...attachments, invalid] };
      },
    );
    expectValidStream(frames);

    const call = frames.find((f) => f.kind === 'tool.status');
    const toolCallId = call?.kind === 'tool.status' ? call.tool.tool_call_id : 'missing';
    expect(projector.collectedArtifacts()).toEqual([
      { kind: 'image', toolCallId, b64: 'ZmluYWw=', format: 'webp', revisedPrompt: 'a cat', partialCount: 2 },
    ]);
    expect(frames.at(-1)).toMatchObject({
      kind: 'final',
      final: { status: 'completed', attachments: [stored('obj_img', toolCallId)] },
    });
    expect(dropped).toEqual([{ object_id: '', filename: 'x' }]);
    // The final image is for storage only: its bytes never travel on the stream.
    expect(JSON.stringify(frames)).not.toContain('ZmluYWw=');
  });

  it('collects each cited container file once, attributed to its code-interpreter call', async () => {
    const agent = new Agent({
      name: 'researcher',
      instructions: 'Compute.',
      model: 'gpt-4.1',
      tools: [codeInterpreterTool()],
    });
    const answer = 'See squares.csv and cubes.csv.';
    server.enqueue(
      codeInterpreterTurn({
        code: 'print(1)',
        containerId: 'cntr_7',
        files: [
          { fileId: 'cfile_a', filename: 'squares.csv', startIndex: 4, endIndex: 15 },
          { fileId: 'cfile_b', filename: 'cubes.csv', startIndex: 20, endIndex: 29 },
          { fileId: 'cfile_a', filename: 'squares.csv', startIndex: 4, endIndex: 15 },
        ],
        answer,
      }),
    );
    const projector = createPublicStreamProjector({
      streamId: 'chat_ci',
      conversationId: 'conv_art',
      agent: agent.name,
    });
    const frames: PublicSseEvent[] = [];
    await projectSdkStream(await runner.run(agent, 'Make CSVs', { stream: true }), projector, (f) =>
      frames.push(f),
    );
    expectValidStream(frames);

    const call = frames.find((f) => f.kind === 'tool.status');
    const toolCallId = call?.kind === 'tool.status' ? call.tool.tool_call_id : 'missing';
    expect(projector.collectedArtifacts()).toEqual([
      {
        kind: 'container_file',
        toolCallId,
        containerId: 'cntr_7',
        fileId: 'cfile_a',
        filename: 'squares.csv',
      },
      { kind: 'container_file', toolCallId, containerId: 'cntr_7', fileId: 'cfile_b', filename: 'cubes.csv' },
    ]);
  });
});

describe('workflow envelope', () => {
  const step = (stepName: string, agent: string): WorkflowContext => ({
    workflow_key: 'analysis_code',
    workflow_run_id: 'run_123',
    stage_name: 'main',
    step_name: stepName,
    step_agent: agent,
    parallel_group: null,
    branch_index: null,
  });

  it('stamps the current step on every frame, terminal included, and matches the workflow golden', async () => {
    const researcher = new Agent({
      name: 'researcher',
      instructions: 'Research.',
      model: 'gpt-4.1',
      tools: [webSearchTool()],
    });
    const coder = new Agent({ name: 'code_assistant', instructions: 'Code.', model: 'gpt-4.1' });
    server.enqueue(
      webSearchTurn({
        query: 'park storm',
        sources: [{ url: 'https://example.com/park', title: 'Park' }],
        answer: 'The park flooded.',
      }),
      textTurn('- Volunteers cleaned up.\n- The park reopened.'),
    );
    const projector = createPublicStreamProjector({
      streamId: 'workflow_00112233445566778899aabbccddeeff',
      conversationId: 'c_123',
      agent: 'researcher',
      workflow: step('analysis', 'researcher'),
    });
    const frames: PublicSseEvent[] = [];
    const stepOf = new Map<number, string>();
    const push = (frame: PublicSseEvent, stepName: string) => {
      stepOf.set(frame.event_id, stepName);
      frames.push(frame);
    };
    // Step 1: its provider terminal is not the stream's; only the runner's finish after the last step is.
    for await (const event of await runner.run(researcher, 'Summarize the storm', { stream: true })) {
      const normalized = normalizeAgentStreamEvent(event);
      if (normalized) for (const frame of projector.project(normalized)) push(frame, 'analysis');
    }
    projector.setWorkflow(step('code', 'code_assistant'));
    await projectSdkStream(await runner.run(coder, 'Bullet it', { stream: true }), projector, (f) =>
      push(f, 'code'),
    );
    expectValidStream(frames);

    expect(compareWithFixture(frames, fixture('workflow-analysis-code'), 'summary')).toEqual([]);
    for (const frame of frames) {
      const stepName = stepOf.get(frame.event_id) ?? 'none';
      expect(frame.workflow).toEqual(step(stepName, stepName === 'code' ? 'code_assistant' : 'researcher'));
    }
    // Moving to the next step switches the envelope agent without reporting a handoff.
    expect(frames.some((f) => f.kind === 'agent.updated')).toBe(false);
    expect(frames.at(-1)).toMatchObject({ kind: 'final', agent: 'code_assistant' });
    // Same envelope keys as the golden's terminal (the contract forbids extra keys, this pins none missing).
    const goldenFinal = fixture('workflow-analysis-code').at(-1) ?? {};
    expect(Object.keys(frames.at(-1) ?? {}).sort()).toEqual(Object.keys(goldenFinal).sort());
  });

  it('rejects an invalid workflow context when the projector is created; chat frames carry none', () => {
    expect(() =>
      createPublicStreamProjector({
        streamId: 'workflow_x',
        workflow: { ...step('a', 'b'), branch_index: -1 },
      }),
    ).toThrow();
    const chat = createPublicStreamProjector({ streamId: 'chat_x' }).finish();
    expect(chat[0]).not.toHaveProperty('workflow');
  });
});
