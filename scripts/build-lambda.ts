/**
 * Builds the AWS Lambda package in dist/lambda and prints its size.
 * Run: npx tsx scripts/build-lambda.ts   (docs/deploy.md)
 */
import path from 'node:path';
import { buildLambdaBundle, MAX_ZIPPED_BYTES } from './lambda-bundle/build.js';

const MB = 1024 * 1024;
const LIMIT_ZIPPED = MAX_ZIPPED_BYTES;
const CACHE_NOTE = {
  built: '',
  off: 'off (TWIN_CODE_CACHE=off)',
  'left out': `left out: with it the package would be over the ${LIMIT_ZIPPED / MB} MB aim`,
};

const report = await buildLambdaBundle(process.argv[2] ? path.resolve(process.argv[2]) : undefined);
const rel = path.relative(process.cwd(), report.outDir) || '.';
console.log(`Lambda package: ${rel}/index.mjs (handler, streamHandler) + persona/ + web/`);
console.log(
  report.codeCache === 'built'
    ? `V8 code cache: ${(report.cacheBytes / MB).toFixed(2)} MB, used only by Node ${process.version} on ${process.arch} ` +
        '(another Node loads app.mjs instead)'
    : `V8 code cache: ${CACHE_NOTE[report.codeCache]}; index.mjs loads app.mjs`,
);
console.log(`size: ${(report.bytes / MB).toFixed(2)} MB unzipped, ${(report.zippedBytes / MB).toFixed(2)} MB zipped`);
if (report.zippedBytes > LIMIT_ZIPPED) {
  console.error(`zipped size is over the ${LIMIT_ZIPPED / MB} MB aim`);
  process.exitCode = 1;
}
