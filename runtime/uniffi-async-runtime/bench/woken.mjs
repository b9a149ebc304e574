// Before/after numbers for the continuation queue: run from a directory holding the `queue`
// fixture's generated `queue.js` (and `libqueue.so`, `node_modules` with koffi). Prints
// ns per call, median (min-max) over 9 batches after 2 warm-up batches. Run it twice: as is
// (the native queue) and with UNIFFI_QUEUE_CONTINUATION_QUEUE=0 (the koffi continuation).
// Usage: node woken.mjs [DIR]

import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const dir = resolve(process.argv[2] ?? '.');
const q = await import(pathToFileURL(`${dir}/queue.js`).href);
const native = typeof q.uniffiNativeContinuations === 'function' && q.uniffiNativeContinuations();
const now = () => process.hrtime.bigint();

async function bench(name, make, rounds, concurrent) {
  const perCall = [];
  for (let b = 0; b < 11; b++) {
    const t0 = now();
    for (let r = 0; r < rounds; r++) {
      if (concurrent === 0) {
        await make(r);
      } else {
        const ps = new Array(concurrent);
        for (let j = 0; j < concurrent; j++) ps[j] = make(j);
        await Promise.all(ps);
      }
    }
    const calls = rounds * Math.max(1, concurrent);
    if (b >= 2) perCall.push(Number(now() - t0) / calls);
  }
  perCall.sort((a, b) => a - b);
  const f = (x) => x.toFixed(0);
  console.log(`${name.padEnd(26)} ${f(perCall[4]).padStart(7)} ns  (${f(perCall[0])}-${f(perCall[8])})`);
}

console.log(`continuations: ${native ? 'native queue' : 'koffi callback'}`);
await bench('async ready (sequential)', (i) => q.ready(i), 20_000, 0);
await bench('async woken (sequential)', (i) => q.woken(i, 1), 3_000, 0);
await bench('1000 concurrent ready', (i) => q.ready(i), 20, 1000);
await bench('1000 concurrent woken', (i) => q.woken(i, 1), 10, 1000);
if (native) {
  await bench('4000 concurrent woken', (i) => q.woken(i, 1), 3, 4000);
}
