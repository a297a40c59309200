/**
 * The compact schedule: one line holding the thread let go at each choice point (only the points
 * where more than one thread could move, as Fray and Shuttle store theirs), with repeats
 * run-length encoded: `is1:0.1*3.2` is 0, 1, 1, 1, 2. The prefix names the format's version.
 */
const PREFIX = 'is1:';

export function encodeSchedule(choices: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < choices.length;) {
    let j = i + 1;
    while (j < choices.length && choices[j] === choices[i]) j++;
    parts.push(j - i > 1 ? `${choices[i]}*${j - i}` : `${choices[i]}`);
    i = j;
  }
  return PREFIX + parts.join('.');
}

export function isScheduleString(text: string): boolean {
  return text.startsWith(PREFIX);
}

/** The choices of a schedule string; throws a readable Error when it is not one. */
export function decodeSchedule(text: string): number[] {
  const line = text.trim();
  if (!line.startsWith(PREFIX)) throw new Error(`not a schedule: it should start with '${PREFIX}'`);
  const body = line.slice(PREFIX.length);
  const choices: number[] = [];
  if (body === '') return choices;
  for (const part of body.split('.')) {
    const m = /^(\d+)(?:\*(\d+))?$/.exec(part);
    if (!m) throw new Error(`not a schedule: '${part}' is not a pid or pid*count`);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    if (count < 1 || count > 1e7) throw new Error(`not a schedule: a repeat of ${count}`);
    for (let k = 0; k < count; k++) choices.push(Number(m[1]));
  }
  return choices;
}
