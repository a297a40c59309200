/**
 * What one recorded element access costs a plain program: a read and a write of a shared Int32Array
 * (a view over a SharedArrayBuffer, instrumented: seqlock, version, one ring record) against the
 * same loop over a plain Int32Array, in the same instrumented file and thread, medians of rounds.
 * A round is 16 384 accesses (within one ring), then a pause that lets the supervisor drain.
 *
 * Under plain `node` (no instrumentation) it prints the same loops' times, for the unshared
 * loop's ratio to Node's own: code that touches no shared memory runs at full speed.
 */
const N = 16_384;
const ROUNDS = 31;

const shared = new Int32Array(new SharedArrayBuffer(64));
const plain = new Int32Array(16);

// One function per array, so that each loop's site sees one kind of array only (as a program's
// loop over its own array does), under Interleave and under node alike.
function readShared() {
  let sum = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) sum += shared[i & 15];
  const ns = ((performance.now() - t0) * 1e6) / N;
  if (sum === -1) console.log('');
  return ns;
}

function writeShared() {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) shared[i & 15] = i;
  return ((performance.now() - t0) * 1e6) / N;
}

function readPlain() {
  let sum = 0;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) sum += plain[i & 15];
  const ns = ((performance.now() - t0) * 1e6) / N;
  if (sum === -1) console.log('');
  return ns;
}

function writePlain() {
  const t0 = performance.now();
  for (let i = 0; i < N; i++) plain[i & 15] = i;
  return ((performance.now() - t0) * 1e6) / N;
}

function pause(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function median(values) {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)];
}

const reads = [];
const writes = [];
const plainReads = [];
const plainWrites = [];
for (let r = 0; r < ROUNDS; r++) {
  plainReads.push(readPlain());
  plainWrites.push(writePlain());
  reads.push(readShared());
  pause(15);
  writes.push(writeShared());
  pause(15);
}
const traced = typeof globalThis[Symbol.for('interleave.plain')] === 'object';
console.log(`BENCH ${JSON.stringify({
  traced,
  shared_read_ns: median(reads),
  shared_write_ns: median(writes),
  plain_read_ns: median(plainReads),
  plain_write_ns: median(plainWrites),
  // One recorded access over one unrecorded one, per round, then the median.
  read_over_plain: median(reads.map((ns, i) => ns / plainReads[i])),
  write_over_plain: median(writes.map((ns, i) => ns / plainWrites[i])),
})}`);
