// cluster.js starts Parse Server for bench/parsebench, which embeds this
// file; bench/internal/pair writes it to a temporary directory and runs it
// with node.
//
// Node runs JavaScript on one core, so a Parse Server in production runs
// one process per core behind node's cluster module. This does that: the
// primary forks `workers` workers (default: os.availableParallelism()),
// each running Parse Server at /parse on the same 127.0.0.1 port, and the
// primary hands them the connections in turn (cluster's round-robin, the
// default on Linux). The settings come as JSON in $LIFEKIT_PARSE_CONFIG, as
// for bench/parseshadow's parse.js, whose Parse Server options these are.
//
// Once every worker serves, the primary prints one JSON line,
// {"msg":"serving","addr":...,"version":...,"workers":n}, which is what the
// Go side waits for. A worker that dies is not replaced: the primary stops
// the others and exits, for a benchmark would otherwise go on measuring
// another server. On SIGTERM or SIGINT the primary stops the workers and
// exits.
'use strict';

const cluster = require('node:cluster');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { createRequire } = require('node:module');

const cfg = JSON.parse(process.env.LIFEKIT_PARSE_CONFIG || '{}');

async function primary() {
  const n = cfg.workers > 0 ? cfg.workers : os.availableParallelism();
  let stopping = false;
  const stop = code => {
    if (stopping) return;
    stopping = true;
    const live = Object.values(cluster.workers);
    if (live.length === 0) process.exit(code);
    let left = live.length;
    for (const w of live) {
      w.once('exit', () => {
        if (--left === 0) process.exit(code);
      });
      w.process.kill('SIGTERM');
    }
    setTimeout(() => {
      for (const w of Object.values(cluster.workers)) w.process.kill('SIGKILL');
      process.exit(code);
    }, 5000).unref();
  };
  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));

  // One worker at a time: the first makes Parse Server's tables on the
  // fresh database, and two doing that at once would race. Each listens on
  // 127.0.0.1:0: the primary binds the first such listen to a port of the
  // kernel's choosing and gives every later one the same socket (asking
  // for that port by number would make the primary bind it again, and
  // fail).
  let port = 0;
  for (let i = 0; i < n; i++) {
    const w = cluster.fork();
    const p = await new Promise((resolve, reject) => {
      w.once('message', m => resolve(m.port));
      w.once('exit', (code, signal) => reject(new Error(`worker ${w.process.pid} exited (${code ?? signal}) before serving`)));
    });
    if (port !== 0 && p !== port) throw new Error(`worker ${w.process.pid} listens on port ${p}, the first on ${port}`);
    port = p;
  }
  cluster.on('exit', (w, code, signal) => {
    if (!stopping) {
      process.stderr.write(`cluster.js: worker ${w.process.pid} exited (${code ?? signal}); stopping\n`);
      stop(1);
    }
  });
  const pkg = path.join(cfg.dir, 'node_modules', 'parse-server', 'package.json');
  const version = JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
  process.stdout.write(JSON.stringify({ msg: 'serving', addr: `127.0.0.1:${port}`, version, workers: n }) + '\n');
}

async function worker() {
  // Resolve the packages from the install directory, not from here.
  const load = createRequire(path.join(cfg.dir, 'package.json'));
  const { ParseServer } = load('parse-server');
  const express = load('express');

  // Listen first: Parse Server needs its own URL (serverURL) before it
  // starts, and the port is known only once the socket is bound.
  const server = http.createServer();
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const port = server.address().port;

  const api = new ParseServer({
    appId: cfg.appId,
    masterKey: cfg.masterKey,
    databaseURI: cfg.databaseURI,
    serverURL: `http://127.0.0.1:${port}/parse`,
    mountPath: '/parse',
    // As for bench/parseshadow: the lifekit server has no schema to
    // guard, and any client may make a class.
    allowClientClassCreation: true,
    logsFolder: cfg.logsFolder,
    logLevel: 'error',
  });
  await api.start();
  const app = express();
  app.use('/parse', api.app);
  server.on('request', app);
  process.send({ port });
}

(cluster.isPrimary ? primary : worker)().catch(err => {
  process.stderr.write(`cluster.js: ${(err && err.stack) || err}\n`);
  process.exit(1);
});
