// The task piscina runs for the Pool.map comparison: one chunk of items mapped, as a Pool worker
// maps one chunk of a Pool.map.
module.exports = (chunk) => chunk.map((x) => x * x * x);
