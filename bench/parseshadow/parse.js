// parse.js starts Parse Server for bench/parseshadow, which embeds this
// file; bench/internal/pair writes it to a temporary directory and runs it
// with node.
//
// Its settings come as JSON in $LIFEKIT_PARSE_CONFIG rather than as
// arguments, so that the master key is not on a command line that other
// users can read. It listens on 127.0.0.1 on a port of the kernel's
// choosing, mounts Parse Server at /parse, and once Parse Server is ready
// prints one JSON line, {"msg":"serving","addr":...,"version":...}, the
// same line the lifekit server logs, which is what the Go side waits for.
'use strict';

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { createRequire } = require('node:module');

async function main() {
  const cfg = JSON.parse(process.env.LIFEKIT_PARSE_CONFIG || '{}');
  // Resolve the packages from the install directory, not from here.
  const load = createRequire(path.join(cfg.dir, 'package.json'));
  const pkg = path.join(cfg.dir, 'node_modules', 'parse-server', 'package.json');
  const version = JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
  const { ParseServer } = load('parse-server');
  const express = load('express');

  // Listen first: Parse Server needs its own URL (serverURL) before it
  // starts, and the port is known only once the socket is bound.
  const server = http.createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const addr = `127.0.0.1:${server.address().port}`;

  const api = new ParseServer({
    appId: cfg.appId,
    masterKey: cfg.masterKey,
    databaseURI: cfg.databaseURI,
    serverURL: `http://${addr}/parse`,
    mountPath: '/parse',
    // The lifekit server has no schema to guard: any client may make a
    // class. Parse Server 9 defaults to refusing that (code 119 without
    // the master key), which would hide every other difference.
    allowClientClassCreation: true,
    logsFolder: cfg.logsFolder,
    logLevel: 'error',
  });
  await api.start();
  const app = express();
  app.use('/parse', api.app);
  server.on('request', app);
  process.stdout.write(JSON.stringify({ msg: 'serving', addr, version }) + '\n');
}

main().catch(err => {
  process.stderr.write(`parse.js: ${(err && err.stack) || err}\n`);
  process.exit(1);
});
