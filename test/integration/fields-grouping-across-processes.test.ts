import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { fieldsChoices, TASKS, type Choices } from '../fixtures/fields-grouping-choices.js';

const run = promisify(execFile);
const FIXTURE = fileURLToPath(new URL('../fixtures/fields-grouping-choices.js', import.meta.url));

/** Runs the fixture in a fresh `node` process and parses what it prints. */
async function choicesInChild(args: readonly string[]): Promise<Choices> {
  const { stdout } = await run(process.execPath, [FIXTURE, ...args], { timeout: 20_000 });
  const parsed: unknown = JSON.parse(stdout);
  assert.ok(typeof parsed === 'object' && parsed !== null && 'hashes' in parsed && 'tasks' in parsed);
  const { hashes, tasks } = parsed;
  assert.ok(Array.isArray(hashes) && Array.isArray(tasks));
  return { hashes: hashes.map(Number), tasks: tasks.map(Number) };
}

describe('fields grouping across processes', () => {
  it('fields grouping - two node processes and this one pick the same task for 1000 mixed keys', async () => {
    // Different emitting tasks and differently built (but equal) keys in each process.
    const [a, b] = await Promise.all([choicesInChild(['1']), choicesInChild(['--variant', '7'])]);
    const here = fieldsChoices(false, 4);

    assert.equal(here.tasks.length, 1000);
    assert.deepEqual(a.hashes, here.hashes);
    assert.deepEqual(b.hashes, here.hashes);
    assert.deepEqual(a.tasks, here.tasks);
    assert.deepEqual(b.tasks, here.tasks);

    // Not trivially equal: the keys really are spread over the consumer tasks.
    const used = new Set(here.tasks);
    assert.equal(used.size, TASKS.length, `only tasks ${[...used].join(', ')} were used`);
    for (const t of used) assert.ok(TASKS.includes(t));
    assert.ok(new Set(here.hashes).size > 990, 'the keys should hash (nearly) all apart');
  });
});
