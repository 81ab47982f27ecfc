/**
 * Makes sure the Chromium the browser tests drive is installed at /usr/bin/chromium (or CHROMIUM_PATH).
 * Installs it with apt-get when running as root; otherwise says how to install it and fails.
 * Plain Node, no dependencies: `npm test` runs it before anything is built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';

const HOW_TO_INSTALL = [
  `Chromium is needed for the browser tests and was not found at ${CHROMIUM}.`,
  'Install it, then run the tests again:',
  '',
  '  sudo apt-get update && sudo apt-get install -y chromium',
  '',
  'Or set CHROMIUM_PATH to another Chromium or Chrome for the browser tests to use.',
  '',
].join('\n');

/** Runs a command with the terminal attached; true when it exits 0. */
function run(command, args) {
  const result = spawnSync(command, args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (result.error) process.stderr.write(`Could not run ${command}: ${result.error.message}\n`);
  return result.status === 0;
}

function fail(reason) {
  if (reason) process.stderr.write(`${reason}\n\n`);
  process.stderr.write(HOW_TO_INSTALL);
  process.exit(1);
}

if (existsSync(CHROMIUM)) process.exit(0);
// The browser tests use CHROMIUM_PATH instead when it is set (test/browser/support.ts).
if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) fail('Not running as root, so Chromium cannot be installed automatically.');

process.stdout.write(`Chromium not found at ${CHROMIUM}; installing it with apt-get.\n`);
if (!run('apt-get', ['update'])) fail('apt-get update failed.');
if (!run('apt-get', ['install', '-y', 'chromium'])) fail('apt-get install -y chromium failed.');
if (!existsSync(CHROMIUM)) fail(`apt-get finished, but ${CHROMIUM} is still missing.`);

process.stdout.write(`Chromium installed at ${CHROMIUM}.\n`);
