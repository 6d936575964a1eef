import { loadConfig } from './config.js';
import { createLambdaHandlers } from './lambda/lambda-host.js';

// Built once per execution environment; every invocation in it reuses the same app and clients.
const host = createLambdaHandlers({ config: () => loadConfig(process.env) });

/** Entry point for API Gateway HTTP API (payload format 2.0). */
export const handler = host.handler;

/** Entry point for the Lambda Function URL with response streaming (used for POST /chat/stream). */
export const streamHandler = host.streamHandler;
