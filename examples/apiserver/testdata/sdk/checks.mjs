// checks.mjs runs the official Parse JavaScript SDK, unmodified, against a
// Parse-style server, and prints one JSON line per check:
//
//   {"name":"equalTo","ok":false,"error":"...","ms":12}
//
// It exits 0 whatever the results: sdk_test.go runs it against the example
// API server and judges the lines. The checks were first run against Parse
// Server itself (on PostgreSQL), where every one passes, so a check that
// fails here shows where the server differs from Parse.
//
// The server and its keys come from the environment:
//
//   SERVER_URL=http://127.0.0.1:8080/v1 APP_ID=... JS_KEY=... MASTER_KEY=... node checks.mjs
//
// CHECK_TIMEOUT_MS bounds each check (default 10000); CHECKS=a,b runs only
// the checks named. Each check works in classes of its own, named after it
// and a random run id, so that runs do not see each other's objects. Only
// the SDK's public API is used.
import Parse from 'parse/node';

function env(name) {
  const v = process.env[name];
  if (!v) {
    process.stderr.write(`checks.mjs: ${name} is not set\n`);
    process.exit(2);
  }
  return v;
}

Parse.initialize(env('APP_ID'), env('JS_KEY'));
Parse.masterKey = env('MASTER_KEY');
Parse.serverURL = env('SERVER_URL');

// The SDK retries a request the server answered 5xx, after a pause, so a
// check could pass over a server error. The SDK's requests go through the
// global fetch: wrapped here (the SDK is untouched), it notes each such
// answer, and the check that made the request fails.
let serverErrors = [];
const globalFetch = globalThis.fetch;
globalThis.fetch = async (url, options) => {
  const res = await globalFetch(url, options);
  if (res.status >= 500) {
    let method = options?.method ?? 'GET';
    try {
      method = JSON.parse(options.body)._method ?? method;
    } catch {
      // not the SDK's JSON envelope: keep the HTTP method
    }
    const body = await res.clone().text().catch(e => `(unread: ${e.message})`);
    serverErrors.push(`the server answered ${res.status} to ${method} ${new URL(url).pathname}: ${body.slice(0, 300)}`);
  }
  return res;
};

const timeoutMs = Number(process.env.CHECK_TIMEOUT_MS || 10000);
const run = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);

// A class of the check's own: letters, digits and "_", under PostgreSQL's
// 63-byte names (Parse Server makes a table per class).
const classOf = (check, part = '') => `${check.slice(0, 36)}${part}_${run}`;

// --- assertions ---

function fail(msg) {
  throw new Error(msg);
}

function eq(got, want, what) {
  const g = JSON.stringify(got);
  const w = JSON.stringify(want);
  if (g !== w) fail(`${what} = ${g}, want ${w}`);
}

// rejects awaits p and wants it to fail with Parse error code.
async function rejects(p, code, what) {
  let result;
  try {
    result = await p;
  } catch (e) {
    if (e && e.code === code) return;
    fail(`${what}: got error ${describe(e)}, want code ${code}`);
  }
  fail(`${what}: succeeded (${JSON.stringify(result)}), want error code ${code}`);
}

function describe(e) {
  if (e instanceof Parse.Error) return `code ${e.code}: ${e.message}`;
  if (e instanceof Error) return e.message;
  return String(e);
}

// --- fixtures ---

// save creates one object of class c with fields, by itself (no batch:
// the checks of queries should not depend on saveAll).
async function save(c, fields) {
  const o = new Parse.Object(c);
  o.set(fields);
  await o.save();
  return o;
}

// saveEach creates one object per row, with concurrent single saves.
function saveEach(c, rows) {
  return Promise.all(rows.map(r => save(c, r)));
}

// The rows most query checks run on: i is the row's index, and every other
// field grows with it. Some fields are set on some rows only.
const dates = [1, 2, 3, 4, 5].map(d => new Date(Date.UTC(2024, 0, d, 12, 30, 15, 250)));
const strings = ['apple', 'banana', 'cherry', 'damson', 'elder'];

function seedRows(c) {
  return saveEach(
    c,
    [0, 1, 2, 3, 4].map(i => {
      const row = { i, n: (i + 1) * 10, s: strings[i], d: dates[i], even: i % 2 === 0 };
      if (i % 2 === 0) row.onum = i; // on rows 0, 2, 4
      if (i % 2 === 1) row.ostr = `odd${i}`; // on rows 1, 3
      if (i < 2) row.odate = dates[i]; // on rows 0, 1
      return row;
    }),
  );
}

// rowsOf returns the sorted i of the objects a query found.
async function rowsOf(q, what) {
  const found = await q.find();
  const got = found.map(o => o.get('i'));
  if (got.some(i => typeof i !== 'number')) fail(`${what}: objects without i: ${JSON.stringify(found)}`);
  return got.sort((a, b) => a - b);
}

// expectRows runs query q (made by build on class c) and wants rows.
async function expectRows(c, build, want, what) {
  const q = new Parse.Query(c);
  build(q);
  eq(await rowsOf(q, what), want, what);
}

// orderOf returns the i of the objects found, in the order found.
async function orderOf(q) {
  return (await q.find()).map(o => o.get('i'));
}

// Object ids compare as strings do in JavaScript, byte by byte, as in
// Parse Server on MongoDB and on PostgreSQL with the C collation.
function idOrder(objs) {
  return objs.map(o => ({ id: o.id, i: o.get('i') })).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// sorted returns a sorted copy of an array (or the value itself if it is
// none). Arrays changed by Add and AddUnique are compared sorted: Parse
// Server on PostgreSQL does not keep the order of the elements there were.
function sorted(a) {
  if (!Array.isArray(a)) return a;
  return a.slice().sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
}

function fresh(c, id) {
  return Parse.Object.extend(c).createWithoutData(id);
}

async function fetched(c, id) {
  return fresh(c, id).fetch();
}

// --- the checks ---

const checks = {
  async save(name) {
    const o = await save(classOf(name), { title: 'first', n: 1, done: false });
    if (typeof o.id !== 'string' || o.id === '') fail(`id = ${JSON.stringify(o.id)}, want a string`);
    if (!(o.createdAt instanceof Date) || isNaN(o.createdAt)) fail(`createdAt = ${o.createdAt}, want a Date`);
    if (!(o.updatedAt instanceof Date) || isNaN(o.updatedAt)) fail(`updatedAt = ${o.updatedAt}, want a Date`);
  },

  async fetch(name) {
    const c = classOf(name);
    const fields = { title: 'fetched', n: 7.5, done: true, tags: ['x', 'y'], nested: { a: 1, b: ['c'] } };
    const o = await save(c, fields);
    const got = await fetched(c, o.id);
    for (const [k, v] of Object.entries(fields)) eq(got.get(k), v, `fetch().get(${k})`);
    eq(got.createdAt.getTime(), o.createdAt.getTime(), 'createdAt');
    eq(got.updatedAt.getTime(), o.updatedAt.getTime(), 'updatedAt');
  },

  async update(name) {
    const c = classOf(name);
    const o = await save(c, { title: 'before', n: 1, kept: 'same' });
    o.set('title', 'after');
    o.set('n', 2);
    await o.save();
    const got = await fetched(c, o.id);
    eq([got.get('title'), got.get('n'), got.get('kept')], ['after', 2, 'same'], 'fields after update');
    if (got.updatedAt < got.createdAt) fail(`updatedAt ${got.updatedAt.toISOString()} before createdAt ${got.createdAt.toISOString()}`);
  },

  async destroy(name) {
    const c = classOf(name);
    const [gone, kept] = await saveEach(c, [{ n: 1 }, { n: 2 }]);
    await gone.destroy();
    await rejects(new Parse.Query(c).get(gone.id), Parse.Error.OBJECT_NOT_FOUND, 'get of the destroyed object');
    eq((await new Parse.Query(c).get(kept.id)).get('n'), 2, 'the other object');
  },

  async getMissing(name) {
    const c = classOf(name);
    await save(c, { n: 1 });
    await rejects(new Parse.Query(c).get('noSuchId00'), Parse.Error.OBJECT_NOT_FOUND, 'Query.get of a missing id');
    await rejects(fresh(c, 'noSuchId00').fetch(), Parse.Error.OBJECT_NOT_FOUND, 'fetch of a missing id');
  },

  async queryGet(name) {
    const c = classOf(name);
    const [, b] = await saveEach(c, [{ n: 1 }, { n: 2 }, { n: 3 }]);
    const got = await new Parse.Query(c).get(b.id);
    eq([got.id, got.get('n')], [b.id, 2], 'Query.get');
    const first = await new Parse.Query(c).equalTo('n', 3).first();
    eq(first && first.get('n'), 3, 'Query.first');
  },

  async equalTo(name) {
    const c = classOf(name);
    const objs = await seedRows(c);
    await expectRows(c, q => q.equalTo('n', 30), [2], 'number');
    await expectRows(c, q => q.equalTo('s', 'damson'), [3], 'string');
    await expectRows(c, q => q.equalTo('d', dates[1]), [1], 'Date');
    await expectRows(c, q => q.equalTo('objectId', objs[4].id), [4], 'objectId');
    await expectRows(c, q => q.equalTo('even', false), [1, 3], 'boolean');
    await expectRows(c, q => q.equalTo('n', 31), [], 'no match');
  },

  // Not on Dates: Parse Server on PostgreSQL answers 500 to $ne, $in and
  // $nin with a Date.
  async notEqualTo(name) {
    const c = classOf(name);
    const objs = await seedRows(c);
    await expectRows(c, q => q.notEqualTo('n', 30), [0, 1, 3, 4], 'number');
    await expectRows(c, q => q.notEqualTo('s', 'apple'), [1, 2, 3, 4], 'string');
    await expectRows(c, q => q.notEqualTo('objectId', objs[1].id), [0, 2, 3, 4], 'objectId');
  },

  async greaterThan(name) {
    const c = classOf(name);
    const byId = idOrder(await seedRows(c));
    await expectRows(c, q => q.greaterThan('n', 30), [3, 4], 'number');
    await expectRows(c, q => q.greaterThan('n', 29.5), [2, 3, 4], 'number between values');
    await expectRows(c, q => q.greaterThan('s', 'cherry'), [3, 4], 'string');
    await expectRows(c, q => q.greaterThan('d', dates[2]), [3, 4], 'Date');
    const want = byId.slice(3).map(r => r.i).sort((a, b) => a - b);
    await expectRows(c, q => q.greaterThan('objectId', byId[2].id), want, 'objectId');
  },

  async greaterThanOrEqualTo(name) {
    const c = classOf(name);
    const byId = idOrder(await seedRows(c));
    await expectRows(c, q => q.greaterThanOrEqualTo('n', 30), [2, 3, 4], 'number');
    await expectRows(c, q => q.greaterThanOrEqualTo('s', 'cherry'), [2, 3, 4], 'string');
    await expectRows(c, q => q.greaterThanOrEqualTo('d', dates[2]), [2, 3, 4], 'Date');
    const want = byId.slice(2).map(r => r.i).sort((a, b) => a - b);
    await expectRows(c, q => q.greaterThanOrEqualTo('objectId', byId[2].id), want, 'objectId');
  },

  async lessThan(name) {
    const c = classOf(name);
    const byId = idOrder(await seedRows(c));
    await expectRows(c, q => q.lessThan('n', 30), [0, 1], 'number');
    await expectRows(c, q => q.lessThan('s', 'cherry'), [0, 1], 'string');
    await expectRows(c, q => q.lessThan('d', dates[2]), [0, 1], 'Date');
    const want = byId.slice(0, 2).map(r => r.i).sort((a, b) => a - b);
    await expectRows(c, q => q.lessThan('objectId', byId[2].id), want, 'objectId');
  },

  async lessThanOrEqualTo(name) {
    const c = classOf(name);
    const byId = idOrder(await seedRows(c));
    await expectRows(c, q => q.lessThanOrEqualTo('n', 30), [0, 1, 2], 'number');
    await expectRows(c, q => q.lessThanOrEqualTo('s', 'cherry'), [0, 1, 2], 'string');
    await expectRows(c, q => q.lessThanOrEqualTo('d', dates[2]), [0, 1, 2], 'Date');
    const want = byId.slice(0, 3).map(r => r.i).sort((a, b) => a - b);
    await expectRows(c, q => q.lessThanOrEqualTo('objectId', byId[2].id), want, 'objectId');
  },

  async rangeOnOneKey(name) {
    const c = classOf(name);
    await seedRows(c);
    await expectRows(c, q => q.greaterThan('n', 10).lessThan('n', 50), [1, 2, 3], 'n > 10 and n < 50');
    await expectRows(c, q => q.greaterThanOrEqualTo('d', dates[1]).lessThanOrEqualTo('d', dates[2]), [1, 2], 'Date range');
  },

  async severalKeys(name) {
    const c = classOf(name);
    await seedRows(c);
    await expectRows(c, q => q.equalTo('even', true).greaterThan('n', 10), [2, 4], 'even and n > 10');
    await expectRows(c, q => q.equalTo('even', true).equalTo('s', 'banana'), [], 'even and banana');
  },

  async containedIn(name) {
    const c = classOf(name);
    const objs = await seedRows(c);
    await expectRows(c, q => q.containedIn('n', [10, 50, 99]), [0, 4], 'number');
    await expectRows(c, q => q.containedIn('s', ['banana', 'damson', 'fig']), [1, 3], 'string');
    await expectRows(c, q => q.containedIn('objectId', [objs[1].id, objs[2].id]), [1, 2], 'objectId');
    await expectRows(c, q => q.containedIn('n', []), [], 'empty list');
  },

  async notContainedIn(name) {
    const c = classOf(name);
    const objs = await seedRows(c);
    await expectRows(c, q => q.notContainedIn('n', [10, 50, 99]), [1, 2, 3], 'number');
    await expectRows(c, q => q.notContainedIn('s', ['banana', 'damson', 'fig']), [0, 2, 4], 'string');
    await expectRows(c, q => q.notContainedIn('objectId', [objs[1].id, objs[2].id]), [0, 3, 4], 'objectId');
  },

  async exists(name) {
    const c = classOf(name);
    await seedRows(c);
    await expectRows(c, q => q.exists('onum'), [0, 2, 4], 'number');
    await expectRows(c, q => q.exists('ostr'), [1, 3], 'string');
    await expectRows(c, q => q.exists('odate'), [0, 1], 'Date');
    await expectRows(c, q => q.exists('objectId'), [0, 1, 2, 3, 4], 'objectId');
  },

  async doesNotExist(name) {
    const c = classOf(name);
    await seedRows(c);
    await expectRows(c, q => q.doesNotExist('onum'), [1, 3], 'number');
    await expectRows(c, q => q.doesNotExist('ostr'), [0, 2, 4], 'string');
    await expectRows(c, q => q.doesNotExist('odate'), [2, 3, 4], 'Date');
    await expectRows(c, q => q.doesNotExist('objectId'), [], 'objectId');
  },

  async equalToPointer(name) {
    const owners = classOf(name, 'Owner');
    const items = classOf(name, 'Item');
    const [alice, bob] = await saveEach(owners, [{ who: 'alice' }, { who: 'bob' }]);
    await saveEach(items, [
      { i: 0, owner: alice },
      { i: 1, owner: bob },
      { i: 2, owner: alice },
    ]);
    await expectRows(items, q => q.equalTo('owner', alice), [0, 2], 'owner = alice');
    await expectRows(items, q => q.equalTo('owner', fresh(owners, bob.id)), [1], 'owner = bob, by id alone');
  },

  async orderNumbers(name) {
    const c = classOf(name);
    await seedRows(c);
    eq(await orderOf(new Parse.Query(c).ascending('n')), [0, 1, 2, 3, 4], 'ascending(n)');
    eq(await orderOf(new Parse.Query(c).descending('n')), [4, 3, 2, 1, 0], 'descending(n)');
  },

  async orderStrings(name) {
    const c = classOf(name);
    await saveEach(c, [
      { i: 2, s: 'pear' },
      { i: 0, s: 'fig' },
      { i: 3, s: 'plum' },
      { i: 1, s: 'kiwi' },
    ]);
    eq(await orderOf(new Parse.Query(c).ascending('s')), [0, 1, 2, 3], 'ascending(s)');
    eq(await orderOf(new Parse.Query(c).descending('s')), [3, 2, 1, 0], 'descending(s)');
  },

  async orderDates(name) {
    const c = classOf(name);
    await seedRows(c);
    eq(await orderOf(new Parse.Query(c).ascending('d')), [0, 1, 2, 3, 4], 'ascending(d)');
    eq(await orderOf(new Parse.Query(c).descending('d')), [4, 3, 2, 1, 0], 'descending(d)');
  },

  async orderObjectId(name) {
    const c = classOf(name);
    const byId = idOrder(await seedRows(c));
    const want = byId.map(r => r.i);
    eq(await orderOf(new Parse.Query(c).ascending('objectId')), want, 'ascending(objectId)');
    eq(await orderOf(new Parse.Query(c).descending('objectId')), want.slice().reverse(), 'descending(objectId)');
  },

  async orderSeveralKeys(name) {
    const c = classOf(name);
    await saveEach(c, [
      { i: 0, g: 'a', score: 3 },
      { i: 1, g: 'b', score: 1 },
      { i: 2, g: 'a', score: 9 },
      { i: 3, g: 'b', score: 5 },
      { i: 4, g: 'a', score: 6 },
    ]);
    eq(await orderOf(new Parse.Query(c).ascending('g').addDescending('score')), [2, 4, 0, 3, 1], 'ascending(g), descending(score)');
    eq(await orderOf(new Parse.Query(c).descending('g').addAscending('score')), [1, 3, 0, 4, 2], 'descending(g), ascending(score)');
    eq(await orderOf(new Parse.Query(c).ascending('g', 'score')), [0, 4, 2, 1, 3], 'ascending(g, score)');
  },

  async limit(name) {
    const c = classOf(name);
    await seedRows(c);
    eq(await orderOf(new Parse.Query(c).ascending('n').limit(2)), [0, 1], 'limit(2)');
    eq(await orderOf(new Parse.Query(c).descending('n').limit(1)), [4], 'descending, limit(1)');
    eq(await orderOf(new Parse.Query(c).ascending('n').limit(100)), [0, 1, 2, 3, 4], 'limit(100)');
  },

  async skip(name) {
    const c = classOf(name);
    await seedRows(c);
    eq(await orderOf(new Parse.Query(c).ascending('n').skip(3)), [3, 4], 'skip(3)');
    eq(await orderOf(new Parse.Query(c).ascending('n').skip(1).limit(2)), [1, 2], 'skip(1).limit(2)');
    eq(await orderOf(new Parse.Query(c).ascending('n').skip(5)), [], 'skip(5)');
  },

  async count(name) {
    const c = classOf(name);
    await seedRows(c);
    eq(await new Parse.Query(c).count(), 5, 'count()');
    eq(await new Parse.Query(c).equalTo('even', true).count(), 3, 'count() of even');
    eq(await new Parse.Query(c).equalTo('s', 'none').count(), 0, 'count() of none');
  },

  async withCount(name) {
    const c = classOf(name);
    await seedRows(c);
    const got = await new Parse.Query(c).ascending('n').limit(2).withCount().find();
    if (!got || !Array.isArray(got.results)) fail(`withCount().find() = ${JSON.stringify(got)}, want {results, count}`);
    eq(got.results.map(o => o.get('i')), [0, 1], 'results');
    eq(got.count, 5, 'count');
  },

  async select(name) {
    const c = classOf(name);
    await seedRows(c);
    const got = await new Parse.Query(c).select('s', 'i').ascending('i').find();
    eq(got.map(o => o.get('s')), strings, 'selected s');
    eq(got.map(o => o.has('n')), [false, false, false, false, false], 'has(n), left out');
  },

  async include(name) {
    const parents = classOf(name, 'Parent');
    const children = classOf(name, 'Child');
    const child = await save(children, { label: 'the child', size: 3 });
    await save(parents, { i: 0, child });
    const plain = await new Parse.Query(parents).first();
    const ptr = plain && plain.get('child');
    if (!ptr || ptr.id !== child.id) fail(`without include, child = ${JSON.stringify(ptr)}, want a pointer to ${child.id}`);
    if (ptr.get('label') !== undefined) fail(`without include, child.label = ${JSON.stringify(ptr.get('label'))}, want none`);
    const got = await new Parse.Query(parents).include('child').first();
    const full = got && got.get('child');
    eq(full && [full.id, full.className, full.get('label'), full.get('size')], [child.id, children, 'the child', 3], 'included child');
  },

  async saveAll(name) {
    const c = classOf(name);
    const objs = [1, 2, 3].map(n => {
      const o = new Parse.Object(c);
      o.set('n', n);
      return o;
    });
    await Parse.Object.saveAll(objs);
    const ids = objs.map(o => o.id);
    if (ids.some(id => typeof id !== 'string') || new Set(ids).size !== 3) fail(`ids after saveAll = ${JSON.stringify(ids)}`);
    objs[0].set('n', 10);
    objs[2].set('n', 30);
    await Parse.Object.saveAll(objs);
    const got = await Promise.all(ids.map(id => new Parse.Query(c).get(id)));
    eq(got.map(o => o.get('n')), [10, 2, 30], 'n after two saveAll');
  },

  async saveAllInTransaction(name) {
    const c = classOf(name);
    const make = values => values.map(n => {
      const o = new Parse.Object(c);
      o.set('n', n);
      return o;
    });
    const objs = make([1, 2, 3]);
    await Parse.Object.saveAll(objs, { transaction: true });
    if (objs.some(o => typeof o.id !== 'string')) fail(`ids after a transaction = ${JSON.stringify(objs.map(o => o.id))}`);
    // One object of the wrong type: the transaction fails, and stores
    // neither of the others.
    // The SDK rejects with the batch's error for each object of it.
    let failed = null;
    try {
      await Parse.Object.saveAll(make([4, 'five', 6]), { transaction: true });
    } catch (e) {
      failed = e;
    }
    const errors = Array.isArray(failed) ? failed : [failed];
    if (failed === null || errors.some(e => !e || e.code !== Parse.Error.INCORRECT_TYPE)) {
      fail(`a transaction with a string for a number: got ${failed === null ? 'success' : errors.map(describe).join('; ')}, want code ${Parse.Error.INCORRECT_TYPE}`);
    }
    eq(await new Parse.Query(c).count(), 3, 'objects after the failed transaction');
    await Parse.Object.destroyAll(objs.slice(0, 2), { transaction: true });
    eq((await new Parse.Query(c).find()).map(o => o.get('n')), [3], 'n of the objects after a transactional destroyAll');
  },

  async destroyAll(name) {
    const c = classOf(name);
    const [a, b, kept] = await saveEach(c, [{ n: 1 }, { n: 2 }, { n: 3 }]);
    await Parse.Object.destroyAll([a, b]);
    await rejects(new Parse.Query(c).get(a.id), Parse.Error.OBJECT_NOT_FOUND, 'get of the first destroyed');
    await rejects(new Parse.Query(c).get(b.id), Parse.Error.OBJECT_NOT_FOUND, 'get of the second destroyed');
    eq((await new Parse.Query(c).get(kept.id)).get('n'), 3, 'the object kept');
  },

  async increment(name) {
    const c = classOf(name);
    const o = await save(c, { n: 5 });
    // Two copies that know nothing of each other: both increments must
    // count, as the server applies them, not the client.
    const a = fresh(c, o.id);
    const b = fresh(c, o.id);
    a.increment('n');
    b.increment('n', 2);
    await Promise.all([a.save(), b.save()]);
    eq((await fetched(c, o.id)).get('n'), 8, 'n after two concurrent increments');
    const d = fresh(c, o.id);
    d.increment('n', -3);
    await d.save();
    eq((await fetched(c, o.id)).get('n'), 5, 'n after a decrement');
  },

  async add(name) {
    const c = classOf(name);
    const o = await save(c, { list: [1] });
    o.add('list', 2);
    await o.save();
    const other = fresh(c, o.id);
    other.addAll('list', [2, 3]);
    await other.save();
    eq(sorted((await fetched(c, o.id)).get('list')), [1, 2, 2, 3], 'sorted list');
  },

  async addUnique(name) {
    const c = classOf(name);
    const o = await save(c, { list: ['a', 'b'] });
    const other = fresh(c, o.id);
    other.addUnique('list', 'b');
    other.addUnique('list', 'c');
    await other.save();
    eq(sorted((await fetched(c, o.id)).get('list')), ['a', 'b', 'c'], 'sorted list');
  },

  async remove(name) {
    const c = classOf(name);
    const o = await save(c, { list: ['a', 'b', 'a', 'c'] });
    const other = fresh(c, o.id);
    other.remove('list', 'a');
    await other.save();
    eq((await fetched(c, o.id)).get('list'), ['b', 'c'], 'list');
  },

  async unset(name) {
    const c = classOf(name);
    const o = await save(c, { a: 1, b: 2 });
    const other = fresh(c, o.id);
    other.unset('a');
    await other.save();
    const got = await fetched(c, o.id);
    eq([got.has('a'), got.get('b')], [false, 2], '[has(a), b]');
  },

  async dateRoundTrip(name) {
    const c = classOf(name);
    const when = new Date('2024-02-29T23:59:58.123Z');
    const o = await save(c, { when, early: new Date(0) });
    const got = await fetched(c, o.id);
    for (const [k, want] of [['when', when], ['early', new Date(0)]]) {
      const v = got.get(k);
      if (!(v instanceof Date)) fail(`${k} = ${JSON.stringify(v)}, want a Date`);
      eq(v.toISOString(), want.toISOString(), k);
    }
  },

  async keepsTypeOnCreate(name) {
    const c = classOf(name);
    await save(c, { n: 1 });
    await rejects(save(c, { n: 'one' }), Parse.Error.INCORRECT_TYPE, 'a string where a number was stored');
    eq(await new Parse.Query(c).count(), 1, 'objects after the refused save');
  },

  async keepsTypeOnUpdate(name) {
    const c = classOf(name);
    const o = await save(c, { n: 1 });
    o.set('n', 'one');
    await rejects(o.save(), Parse.Error.INCORRECT_TYPE, 'a string where a number was stored');
    eq((await fetched(c, o.id)).get('n'), 1, 'n after the refused update');
  },

  async masterKey(name) {
    const c = classOf(name);
    const o = new Parse.Object(c);
    o.set('n', 1);
    await o.save(null, { useMasterKey: true });
    const got = await new Parse.Query(c).get(o.id, { useMasterKey: true });
    eq(got.get('n'), 1, 'n read with the master key');
  },

  async analyticsTrack() {
    await Parse.Analytics.track('sdkCheck', { source: 'checks.mjs', run });
  },
};

// within runs f, failing it after ms.
async function within(ms, f) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([f(), late]);
  } finally {
    clearTimeout(timer);
  }
}

const only = process.env.CHECKS ? new Set(process.env.CHECKS.split(',')) : null;
for (const [name, check] of Object.entries(checks)) {
  if (only && !only.has(name)) continue;
  let error = '';
  const start = performance.now();
  serverErrors = [];
  try {
    await within(timeoutMs, () => check(name));
  } catch (e) {
    error = describe(e) || 'failed';
  }
  if (serverErrors.length > 0) {
    const more = serverErrors.length > 1 ? ` (and ${serverErrors.length - 1} more)` : '';
    error = `${serverErrors[0]}${more}${error ? '; then ' + error : ', which the SDK retried'}`;
  }
  const ms = Math.round(performance.now() - start);
  process.stdout.write(JSON.stringify({ name, ok: error === '', error, ms }) + '\n');
}
// A check that timed out may have left a request open: do not wait for it.
process.stdout.write('', () => process.exit(0));
