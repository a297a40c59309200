// The task piscina runs: one tiny task per item, as piscina is meant to be used.
module.exports = (x) => x * x * x;
