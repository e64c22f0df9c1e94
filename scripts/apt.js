// Debian packages the install and the test setup may add by themselves: only on Debian/Ubuntu, only
// as root, and never with TORCH_NODE_NO_APT=1; otherwise they say what to run.
'use strict';
const fs = require('node:fs');
const { spawnSync } = require('node:child_process');

const log = (msg) => console.log(`torch-node: ${msg}`);
const onPath = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

function canApt() {
  return fs.existsSync('/etc/debian_version') && process.getuid?.() === 0 && !process.env.TORCH_NODE_NO_APT && onPath('apt-get');
}

/** The packages of `names` that dpkg does not list as installed. */
function missingPackages(names) {
  return names.filter((p) => !/install ok installed/.test(spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' }).stdout ?? ''));
}

/** apt-get install; returns false when it failed. A fresh container has empty package lists: update once and retry. */
function aptInstall(packages, why) {
  log(`${why}: installing ${packages.join(' ')} with apt-get (set TORCH_NODE_NO_APT=1 to prevent this).`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const args = ['install', '-y', '--no-install-recommends', ...packages];
  const apt = (a) => spawnSync('apt-get', a, { stdio: 'inherit', env }).status === 0;
  return apt(args) || (apt(['update']) && apt(args));
}

module.exports = { log, onPath, canApt, missingPackages, aptInstall };
