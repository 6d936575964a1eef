/**
 * Invokes the built Lambda package (dist/lambda) in this process with an API Gateway
 * payload 2.0 event, as Lambda would, and prints the result. No AWS account needed.
 * Run: TWIN_STORE=memory npx tsx scripts/invoke-lambda.ts GET /health
 *      TWIN_STORE=memory npx tsx scripts/invoke-lambda.ts POST /chat '{"message":"Where are you based?"}'
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [method = 'GET', target = '/health', body] = process.argv.slice(2);
const [rawPath = '/', rawQueryString = ''] = target.split('?');
process.env.TWIN_PERSONA_DIR ??= path.resolve('dist/lambda/persona');
process.env.AWS_EMF_ENVIRONMENT ??= 'Local'; // EMF lines go to stdout; nothing probes for AWS

const bundle = (await import(pathToFileURL(path.resolve('dist/lambda/index.mjs')).href)) as {
  handler(event: unknown): Promise<{ statusCode: number; headers: Record<string, string>; body: string }>;
};
const result = await bundle.handler({
  version: '2.0',
  rawPath,
  rawQueryString,
  headers: { host: 'localhost', ...(body ? { 'content-type': 'application/json' } : {}) },
  requestContext: { requestId: 'local-invoke', http: { method: method.toUpperCase(), sourceIp: '127.0.0.1' } },
  body,
  isBase64Encoded: false,
});
console.log(JSON.stringify(result, null, 2));
process.exit(result.statusCode < 500 ? 0 : 1);
