export type { ChunkSpec } from './chunk-text.js';
export { type CodeInterpreterOutput, codeInterpreterItem } from './code-interpreter-item.js';
export { type FileSearchResult, fileSearchItem } from './file-search-item.js';
export { type FunctionCallSpec, functionCallItem } from './function-call-item.js';
export {
  type ContainerFileSpec,
  codeInterpreterTurn,
  fileSearchTurn,
  imageGenerationTurn,
  mcpApprovalRequestTurn,
  mcpCallTurn,
  mcpListToolsTurn,
  type WebSearchSource,
  webSearchTurn,
} from './hosted-tool-turns.js';
export { type ImageGenerationSettings, imageGenerationItem } from './image-generation-item.js';
export {
  type McpCallSpec,
  type McpListedTool,
  mcpApprovalRequestItem,
  mcpCallItem,
  mcpListToolsItem,
} from './mcp-items.js';
export {
  type MessageAnnotation,
  type MessageItemOptions,
  messageItem,
  refusalItem,
} from './message-item.js';
export type { ModerationCategory, ModerationResultSpec } from './moderation.js';
export {
  createOpenAiTestServer,
  type OpenAiTestServer,
  type RecordedRequest,
} from './openai-test-server.js';
export { type ReasoningItemOptions, reasoningItem } from './reasoning-item.js';
export type { WireResponse } from './response-object.js';
export {
  createOpenAiTestProvider,
  createOpenAiTestRunner,
  type OpenAiTestClientOptions,
} from './test-runner.js';
export type {
  HttpErrorTurn,
  OpenAiTestTurn,
  ResponseTurn,
  ScriptedItem,
  ScriptedItemEvent,
  StreamErrorTurn,
  StreamTimingOptions,
  TurnOptions,
  UsageSpec,
} from './turn-types.js';
export {
  errorTurn,
  functionCallTurn,
  httpErrorTurn,
  reasoningTurn,
  refusalTurn,
  responseTurn,
  structuredOutputTurn,
  type TextTurnOptions,
  textTurn,
} from './turns.js';
export { webSearchItem } from './web-search-item.js';
