#!/usr/bin/env node
// The two README commands land here (`npm start`, `npm test`). It needs nothing but Node.js and npm: it fetches the
// pinned pnpm, installs the dependencies from the committed lockfile, and (for the tests) Debian's Chromium when it is
// missing, then hands over to scripts/start.ts or scripts/test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const command = process.argv[2];
const rest = process.argv.slice(3);

function fail(message) {
  process.stderr.write(`[shopverse] ${message}\n`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) fail(`${cmd} could not run: ${result.error.message}`);
  if (result.status !== 0) fail(`${cmd} ${args.join(' ')} failed (exit ${result.status ?? result.signal}).`);
}

if (command !== 'start' && command !== 'test') fail('usage: node scripts/shopverse.mjs start|test');

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 9))
  fail(`Node.js 20.9 or newer is needed; this is ${process.versions.node}.`);

// pnpm, at the version package.json pins, through npx (cached after the first run); its folder goes on PATH because
// turbo looks for the package manager there.
const { packageManager } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const found = spawnSync('npx', ['--yes', `--package=${packageManager}`, '-c', 'command -v pnpm'], {
  cwd: root,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
});
const pnpmPath = found.stdout?.trim();
if (found.status !== 0 || !pnpmPath) fail(`could not fetch ${packageManager} with npx; is the npm registry reachable?`);
const env = {
  ...process.env,
  PATH: `${dirname(pnpmPath)}${delimiter}${process.env.PATH ?? ''}`,
  npm_config_update_notifier: 'false',
};
run('pnpm', ['install', '--frozen-lockfile', '--prefer-offline'], { env });

if (command === 'test') {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
    if (!hasApt) fail(`The browser tests need Chromium at ${chromium}; install it, or set CHROMIUM_PATH.`);
    process.stdout.write("[shopverse] installing Debian's chromium for the browser tests…\n");
    const asRoot = process.getuid?.() === 0 ? [] : ['sudo'];
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    const apt = (...args) =>
      run(asRoot[0] ?? 'apt-get', [...(asRoot.length ? ['apt-get'] : []), ...args], { env: aptEnv });
    apt('update', '-qq');
    apt('install', '-y', '-qq', '--no-install-recommends', 'chromium');
  }
}

// Hand over; the child owns the terminal. Ctrl-C reaches it directly (same process group), so we only wait.
const script = join(root, 'scripts', `${command}.ts`);
const child = spawn(process.execPath, ['--import', 'tsx', script, ...rest], { cwd: root, stdio: 'inherit', env });
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
