#!/usr/bin/env node
import { Command, InvalidArgumentError, Option } from 'commander';
import { config as loadDotenv } from 'dotenv';
import { clientSessionId } from '../domain/conversation/conversation.js';
import { DomainError } from '../domain/errors.js';
import { type AnalyticsOptions, analyticsCommand } from './commands/analytics.js';
import { analyticsRebuildCommand } from './commands/analytics-rebuild.js';
import {
  answersDeleteCommand,
  answersEditCommand,
  answersExportCommand,
  answersImportCommand,
  answersListCommand,
} from './commands/answers.js';
import { chatCommand } from './commands/chat.js';
import { dashboardDeployCommand } from './commands/dashboard-deploy.js';
import { dynamodbCreateTableCommand } from './commands/dynamodb-create-table.js';
import { exportCommand } from './commands/export.js';
import { gapsAnswerCommand, gapsDismissCommand, gapsListCommand } from './commands/gaps.js';
import { leadsCommand } from './commands/leads.js';
import { personaCheckCommand } from './commands/persona-check.js';
import { serveCommand } from './commands/serve.js';
import { widgetSnippetCommand } from './commands/widget-snippet.js';
import { ConfigError, loadConfig } from './config.js';
import { ListenError } from './listen.js';
import { VERSION } from './version.js';

loadDotenv({ quiet: true });

// The same rule as every other entry point: only an unguessable id names a conversation.
function sessionOption(raw: string): string {
  const id = clientSessionId(raw);
  if (id === undefined) {
    throw new InvalidArgumentError('not a session id the twin issued; use the id a chat printed (a UUID v4)');
  }
  return id;
}

// `twin export | head -1`: the reader left, so the rest of the output has nowhere to go (exit 0,
// as a pipeline expects). Any other failure to write (a full disk, `>/dev/full`) is one line and
// exit 1, not a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  console.error(`twin: could not write the output (${error.code ?? error.message})`);
  process.exit(1);
});

const program = new Command().name('twin').description('digital-twin: publish an AI twin of a person').version(VERSION);

function config() {
  return loadConfig(process.env);
}

program
  .command('serve')
  .description('serve the HTTP API (PORT, default 8000)')
  .action(() => serveCommand(config()));

program
  .command('chat')
  .description('chat with the twin in this terminal (answers stream as they are written)')
  .addOption(
    new Option('-s, --session <id>', 'continue an existing session (the id a chat printed: a UUID v4)').argParser(
      sessionOption,
    ),
  )
  .action((options: { session?: string }) => chatCommand(config(), options.session));

program
  .command('persona')
  .description('work with the persona folder')
  .command('check [dir]')
  .description('validate a persona folder, list what was read, print the system prompt')
  .action((dir: string | undefined) => personaCheckCommand(dir ?? config().personaDir));

const analytics = program
  .command('analytics')
  .description('what visitors ask, when and how they feel: overview and the last days as a bar chart')
  .option('--json', 'print JSON for machines')
  .option('-d, --days <n>', 'days in the chart (1-366)', '14')
  .option('-z, --timezone <zone>', 'IANA time zone for hours, weekdays and days (default TWIN_ANALYTICS_TIMEZONE)')
  .action((options: AnalyticsOptions) => analyticsCommand(config(), options));
analytics
  .command('rebuild')
  .description('recompute every analytics counter from the stored conversations')
  .action(() => analyticsRebuildCommand(config()));
program
  .command('dashboard')
  .description('the CloudWatch dashboard')
  .command('deploy')
  .description('render infra/cloudwatch/dashboard.json and publish it with PutDashboard (AWS_REGION, AWS credentials)')
  .option('-n, --name <name>', 'dashboard name', 'DigitalTwinDashboard')
  .option('-f, --function-name <name>', 'Lambda function to chart (default: TWIN_METRICS_FUNCTION_NAME)')
  .option('-l, --log-group <name>', 'log group for recent errors (default: /aws/lambda/<function name>)')
  .option('-t, --template <file>', 'dashboard template (default: the one shipped in infra/cloudwatch)')
  .action(async (options: { name: string; functionName?: string; logGroup?: string; template?: string }) => {
    await dashboardDeployCommand(config(), options);
  });
program
  .command('dynamodb')
  .description('manage the DynamoDB conversation table (DYNAMODB_TABLE_NAME, AWS_REGION, DYNAMODB_ENDPOINT)')
  .command('create-table')
  .description('create the table, wait until active, enable TTL and point-in-time recovery, tag it (idempotent)')
  .action(() => dynamodbCreateTableCommand(config()));
const gaps = program.command('gaps').description('questions the twin could not answer (knowledge gaps)');
gaps
  .command('list')
  .description('list knowledge gaps, open and most asked first')
  .addOption(new Option('--status <status>', 'only gaps with this status').choices(['open', 'answered', 'dismissed']))
  .option('--json', 'print JSON')
  .action((options: { status?: 'open' | 'answered' | 'dismissed'; json?: boolean }) =>
    gapsListCommand(config(), options),
  );
gaps
  .command('answer <id> <answer>')
  .description("answer a gap: the answer joins the persona's knowledge (see `twin answers`)")
  .option('--question <text>', "the question's published wording (default: the visitor's, contact details masked)")
  .action((id: string, answer: string, options: { question?: string }) =>
    gapsAnswerCommand(config(), id, answer, options),
  );
gaps
  .command('dismiss <id>')
  .description('dismiss a gap the twin should not answer')
  .action((id: string) => gapsDismissCommand(config(), id));

const answers = program
  .command('answers')
  .description("the owner's answers to knowledge gaps (the store's; answers.md in the persona folder on disk)");
answers
  .command('list')
  .description('list the answers, by question')
  .option('--json', 'print JSON')
  .action((options: { json?: boolean }) => answersListCommand(config(), options));
answers
  .command('edit <id>')
  .description("change an answer's text or question (a new question gives it a new id)")
  .option('-q, --question <question>', 'the new question')
  .option('-a, --answer <answer>', 'the new answer')
  .action((id: string, options: { question?: string; answer?: string }) => answersEditCommand(config(), id, options));
answers
  .command('delete <id>')
  .description('delete an answer: the twin stops using it')
  .action((id: string) => answersDeleteCommand(config(), id));
answers
  .command('export')
  .description('print every answer as answers.md, to keep in the persona folder under version control')
  .option('-o, --out <file>', 'write to this file instead of printing')
  .action((options: { out?: string }) => answersExportCommand(config(), options));
answers
  .command('import <file>')
  .description('add the answers of an answers.md (an export, or the file from the persona folder) to the store')
  .action((file: string) => answersImportCommand(config(), file));

program
  .command('export')
  .description('every conversation as NDJSON (one JSON object per line), with a progress bar on stderr')
  .option('-o, --output <file>', 'write to this file instead of stdout')
  .action((options: { output?: string }) => exportCommand(config(), options));

program
  .command('leads')
  .description('visitors who asked to be contacted, newest first')
  .option('--json', 'print JSON')
  .action((options: { json?: boolean }) => leadsCommand(config(), options));

program
  .command('widget')
  .description("the chat widget for the owner's own website")
  .command('snippet')
  .description('print the script tag for a site and the settings that allow it')
  .requiredOption('--site <url>', "the site's address, e.g. https://example.com")
  .option('--twin <url>', "the twin's public address as visitors reach it (default: http://localhost:PORT)")
  .action((options: { site: string; twin?: string }) => widgetSnippetCommand(config(), options));

program.parseAsync(process.argv).catch((error: unknown) => {
  // Known failures are one clear line; anything else keeps its stack for a bug report.
  if (error instanceof ConfigError || error instanceof ListenError || error instanceof DomainError) {
    console.error(`twin: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});
