// LuaTable internals that the interpreter's fast paths rely on: the array part is sized like the
// reference's computesizes (integer keys set in any order end up in `arr`), string keys share
// shapes, and inline-cache invariants (a slot never moves while the shape object is the same).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LuaTable, EMPTY_SHAPE } from '../../dist/runtime/table.js';

test('integer keys set from 2 upwards, downwards or scattered go to the array part', () => {
  const up = new LuaTable();
  for (let i = 2; i <= 1000; i++) up.set(i, true);
  assert.ok(up.arr.length >= 1000 && up.arr.length <= 1024); // slot 1 is a hole inside it
  for (let i = 2; i <= 1000; i++) assert.equal(up.arr[i - 1], true);
  assert.equal(up.get(1), undefined);
  up.set(1, true);
  assert.equal(up.length(), 1000);
  const down = new LuaTable();
  for (let i = 1000; i >= 1; i--) down.set(i, i);
  assert.ok(down.arr.length >= 1000 && down.arr.length <= 1024);
  assert.equal(down.length(), 1000);
  for (let i = 1; i <= 1000; i++) assert.equal(down.get(i), i);
});

test('a key of the array part set to nil stays a valid key for next', () => {
  const t = new LuaTable();
  t.set('a', 1); t.set(1, 4); t.set(2, 5);
  const out = [];
  t.set(1, undefined);
  t.set(2, undefined); // the array part now holds only nils
  assert.equal(t.length(), 0);
  assert.equal(t.next(2, out), true); // continues with the string key
  assert.equal(out[0], 'a');
});

test('sparse integer keys stay in the hash part', () => {
  const t = new LuaTable();
  for (let i = 1; i <= 100; i++) t.set(i * 1000, i);
  assert.ok(t.arr.length < 10);
  for (let i = 1; i <= 100; i++) assert.equal(t.get(i * 1000), i);
  const out = [];
  let k;
  let n = 0;
  for (;;) {
    if (!t.next(k, out)) break;
    k = out[0];
    n++;
  }
  assert.equal(n, 100);
});

test('tables with the same string keys in the same order share a shape', () => {
  const a = new LuaTable();
  const b = new LuaTable();
  for (const t of [a, b]) { t.set('x', 1); t.set('y', 2); }
  assert.equal(a.shape, b.shape);
  assert.notEqual(a.shape, EMPTY_SHAPE);
  const c = new LuaTable();
  c.set('y', 2); c.set('x', 1);
  assert.notEqual(c.shape, a.shape);
  // deleting keeps the shape (a tombstone) and re-adding reuses the slot
  const s = a.shape;
  a.set('x', undefined);
  assert.equal(a.shape, s);
  assert.equal(a.get('x'), undefined);
  a.set('x', 3);
  assert.equal(a.shape, s);
  assert.equal(a.get('x'), 3);
});

test('string keys that are special as JS property names are plain keys (shared and dictionary shapes)', () => {
  const special = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '0', '1', '-0', '4294967295', '', 'length', '\xff\x00'];
  for (const filler of [0, 100]) {
    const t = new LuaTable();
    for (const k of special) assert.equal(t.get(k), undefined, `absent ${JSON.stringify(k)}`);
    for (let i = 0; i < filler; i++) t.set('f' + i, i);
    special.forEach((k, i) => t.set(k, 'v' + i));
    assert.equal(t.shape.shared, filler === 0);
    special.forEach((k, i) => assert.equal(t.get(k), 'v' + i, JSON.stringify(k)));
    assert.equal(t.get(0), undefined); // the string '0' is not the integer 0
    // next visits each key once, in insertion order after the fillers
    const seen = [];
    const out = [undefined, undefined];
    for (let k = undefined; t.next(k, out) === true; k = out[0]) seen.push(out[0]);
    assert.deepEqual(seen.slice(filler), special);
  }
});

test('many string keys: a private dictionary shape whose slots do not move', () => {
  const t = new LuaTable();
  for (let i = 0; i < 200; i++) t.set('k' + i, i);
  assert.equal(t.shape.shared, false);
  const shape = t.shape;
  const slot = shape.slots['k7'];
  t.set('extra', 1);
  assert.equal(t.shape, shape);
  assert.equal(shape.slots['k7'], slot);
  // compaction after many deletions gives a new shape object (caches must miss)
  for (let i = 0; i < 150; i++) t.set('k' + i, undefined);
  t.set('new', 1);
  assert.notEqual(t.shape, shape);
  for (let i = 150; i < 200; i++) assert.equal(t.get('k' + i), i);
  assert.equal(t.get('k8'), undefined);
  assert.equal(t.get('new'), 1);
});
