import { Argument, Command, Option } from 'commander';
import { ROLES } from '@rm/auth';
import { loadConfig } from '@rm/config';
import { ApiProblem } from './api-client.js';
import { boardPack } from './board-pack.command.js';
import { exportList, LISTS, type ListName } from './export.command.js';
import { importFile, lineReport } from './import.command.js';
import { rebuild } from './rebuild.command.js';
import { replay } from './replay.command.js';
import { token } from './token.command.js';

const program = new Command('recovery-monitor')
  .description('Recovery Monitor command line: talks to a running app by URL (import, replay, export, board pack); token and rebuild work locally.')
  .showHelpAfterError();

/** Every command that talks to the app takes where it is and how to sign in. */
const connected = (cmd: Command) =>
  cmd
    .addOption(new Option('--url <url>', 'the running app').env('RM_URL').default('http://localhost:3000'))
    .addOption(new Option('--token <jwt>', "bearer token; else one is signed with the app's secret (AUTH_JWT_SECRET or DATA_DIR/jwt-secret)").env('RM_TOKEN'));
const moment = (cmd: Command) =>
  cmd
    .option('--known-at <when>', "known time: a date, an instant, or 'latest' (default: the as-of time)")
    .option('--position <n>', 'pin the answer to an earlier log position');

program
  .command('token')
  .description("Mint a JWT signed with the app's secret: AUTH_JWT_SECRET, else DATA_DIR/jwt-secret (DATA_DIR defaults to ./data). Refuses when there is none.")
  .option('--role <role...>', `roles: ${ROLES.join(', ')}`, ['programme-office'])
  .option('--sub <id>', 'subject (default local-<first role>)')
  .option('--name <name>', 'display name')
  .option('--expires <duration>', 'lifetime, at most 12h', '8h')
  .action((o) => token(o));

program
  .command('rebuild')
  .description('Rebuild every read model from the log into fresh tables, with a progress bar; the app switches over when caught up. On the embedded database stop the app first.')
  .action(() => rebuild(loadConfig()));

const imports = program.command('import').description('Bring history in: an NDJSON historical import (admin) or a CSV of figures');
connected(
  imports
    .command('history')
    .description('POST FILE (NDJSON: one {path, body, reportedAt, actor?} per line) to /api/admin/imports; all or nothing, bad lines reported by number')
    .argument('<file>', 'NDJSON file')
    .option('--dry-run', 'validate only; write nothing'),
).action((file: string, o) => importFile('history', file, o));
connected(
  imports
    .command('figures')
    .description('POST FILE (CSV: indicator,effectiveAt,value,source[,note,figureId][,reportedAt]) to /api/imports/figures; the header is line 1')
    .argument('<file>', 'CSV file')
    .option('--dry-run', 'validate only; write nothing')
    .option('--admin', 'sign in as admin (needed for a reportedAt column)'),
).action((file: string, o) => importFile('figures', file, o));

connected(
  moment(
    program
      .command('replay')
      .description("An inspector's replay: the scorecard, every indicator's position and the overdue actions at one moment, as tables")
      .requiredOption('--as-of <date>', 'effective time: YYYY-MM-DD (end of that day, UTC) or an ISO instant'),
  ).option('--json', "print the API's answers as JSON instead of tables"),
).action(async (o) => console.log(await replay(o)));

connected(
  moment(
    program
      .command('export')
      .description('Write a list read as CSV (stdout or --out); the moment it reflects goes to stderr')
      .addArgument(new Argument('<list>', 'the list').choices(Object.keys(LISTS)))
      .option('--as-of <date>', 'effective time (default now)'),
  )
    .option('--indicator <id>', 'for history: the indicator')
    .option('--from <day>', 'for history: first day')
    .option('--to <day>', 'for history: last day')
    .option('--status <status>', 'for actions: planned, started, completed or cancelled')
    .option('--out <file>', 'write to a file instead of stdout'),
).action((list: ListName, o) => exportList(list, o));

connected(
  moment(
    program
      .command('board-pack')
      .description('Write the board pack (one self-contained HTML page) and its manifest.json to DIR')
      .requiredOption('--as-of <date>', 'effective time')
      .option('--since <date>', 'show what changed since this date (the last board)')
      .requiredOption('--out <dir>', 'directory for index.html and manifest.json'),
  ),
).action((o) => boardPack(o));

try {
  await program.parseAsync();
} catch (err) {
  if (err instanceof ApiProblem) {
    console.error(`error: ${err.message}`);
    for (const line of lineReport(err)) console.error(`  ${line}`);
    process.exitCode = 1;
  } else {
    console.error(`error: ${(err as Error).message}`);
    process.exitCode = 2;
  }
}
