import type { ChatCompletionFunctionTool } from 'openai/resources/chat/completions';
import type { TwinTools } from '../../ports/chat-model.js';

/** Rounds of tool calls before the model is made to answer in text (tool_choice: none). */
export const MAX_TOOL_ROUNDS = 4;

export const UNKNOWN_QUESTION_TOOL = 'record_unknown_question';
export const USER_DETAILS_TOOL = 'record_user_details';

/** The functions the twin offers an OpenAI model, described for the model. */
export const TWIN_TOOL_DEFINITIONS: ChatCompletionFunctionTool[] = [
  {
    type: 'function',
    function: {
      name: UNKNOWN_QUESTION_TOOL,
      description:
        "Call this whenever the persona material does not answer the visitor's question, before saying you don't know. The owner sees it and can teach you the answer.",
      parameters: {
        type: 'object',
        properties: { question: { type: 'string', description: "The visitor's question, in their words" } },
        required: ['question'],
        additionalProperties: false,
      },
    },
  },
  {
    type: 'function',
    function: {
      name: USER_DETAILS_TOOL,
      description:
        'Call this when the visitor wants to be contacted and has written their email address in the conversation. Never invent or guess an address; ask for it instead.',
      parameters: {
        type: 'object',
        properties: {
          email: { type: 'string', description: 'The address exactly as the visitor wrote it' },
          name: { type: 'string', description: "The visitor's name, if they gave it" },
          notes: { type: 'string', description: 'What they want to talk about, briefly' },
        },
        required: ['email'],
        additionalProperties: false,
      },
    },
  },
];

export interface ToolCallRequest {
  readonly id: string;
  readonly name: string;
  /** JSON text as the model wrote it (possibly invalid). */
  readonly arguments: string;
}

export interface ToolCallResult {
  /** What the model reads back as the tool message. */
  readonly content: string;
  /** The model declared the question unanswerable: the answer is not grounded. */
  readonly unknownQuestion: boolean;
}

function parseArguments(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text || '{}');
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Runs one call against the turn's tools. Bad names and arguments are reported to the model, not thrown. */
export async function runToolCall(tools: TwinTools, call: ToolCallRequest): Promise<ToolCallResult> {
  const args = parseArguments(call.arguments);
  if (!args) return { content: 'Error: the arguments were not a JSON object.', unknownQuestion: false };
  if (call.name === UNKNOWN_QUESTION_TOOL) {
    const outcome = await tools.recordUnknownQuestion(typeof args.question === 'string' ? args.question : '');
    return { content: outcome.note, unknownQuestion: true };
  }
  if (call.name === USER_DETAILS_TOOL) {
    const outcome = await tools.recordUserDetails({ email: args.email, name: args.name, notes: args.notes });
    return { content: outcome.note, unknownQuestion: false };
  }
  return { content: `Error: there is no tool called ${call.name}.`, unknownQuestion: false };
}
