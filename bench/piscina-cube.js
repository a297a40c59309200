// The task piscina runs for the per-task comparison: one item per task (run(x) per item).
module.exports = (x) => x * x * x;
