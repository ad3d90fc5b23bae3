/**
 * The conformance suite every `CoordinationStore` runs (STYLE.md H4): revisions and
 * compare-and-swap, prefixes, leases whose keys vanish when their holder dies, watches in order,
 * elections with takeover, and writes fenced by leadership. An implementation's test file calls
 * `coordinationStoreContract(name, setup)`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CoordinationStore, WatchEvent } from '../../src/cluster/store/coordination-store.js';
import { GaleError } from '../../src/api/errors.js';
import { waitFor } from '../helpers/wait-for.js';

export interface StoreFixture {
  /** Another client of the store the suite runs on (as another process would have). */
  client(): Promise<CoordinationStore>;
  /** The process holding `client` dies: its leases are no longer kept alive. */
  crash(client: CoordinationStore): Promise<void>;
  /** How long an expired lease takes at most to be noticed (ms). */
  readonly expiryMs: number;
  /** Closes everything the fixture made. */
  close(): Promise<void>;
}

const b = (s: string): Buffer => Buffer.from(s, 'utf8');

export function coordinationStoreContract(name: string, setup: () => Promise<StoreFixture>): void {
  describe(`coordination store contract - ${name}`, () => {
    let fixture: StoreFixture;
    before(async () => {
      fixture = await setup();
    });
    after(async () => {
      await fixture.close();
    });

    it('store - put, get, list by prefix in key order, delete', async () => {
      const s = await fixture.client();
      assert.equal(await s.get('a/x'), null);
      await s.put('a/y', b('2'));
      await s.put('a/x', b('1'));
      await s.put('ab', b('3'));
      const x = await s.get('a/x');
      assert.equal(x?.value.toString(), '1');
      assert.ok((x?.modRevision ?? 0) > 0);
      assert.deepEqual(
        (await s.list('a/')).map((e) => [e.key, e.value.toString()]),
        [
          ['a/x', '1'],
          ['a/y', '2'],
        ],
      );
      await s.delete('a/x');
      assert.equal(await s.get('a/x'), null);
      await s.deletePrefix('a');
      assert.deepEqual(await s.list('a'), []);
    });

    it('store - compare-and-put succeeds only at the expected revision; 0 means absent', async () => {
      const s = await fixture.client();
      assert.equal(await s.compareAndPut('k', b('1'), 0), true);
      assert.equal(await s.compareAndPut('k', b('again'), 0), false);
      const first = await s.get('k');
      assert.ok(first !== null);
      assert.equal(await s.compareAndPut('k', b('2'), first.modRevision), true);
      // A writer holding the old revision loses: its read is stale.
      assert.equal(await s.compareAndPut('k', b('stale'), first.modRevision), false);
      assert.equal((await s.get('k'))?.value.toString(), '2');
    });

    it('store - concurrent compare-and-put increments lose no update', async () => {
      const clients = await Promise.all([fixture.client(), fixture.client(), fixture.client()]);
      const s = clients[0];
      await s.put('counter', b('0'));
      await Promise.all(
        clients.map(async (c) => {
          for (let i = 0; i < 10; i++) {
            for (;;) {
              const e = await c.get('counter');
              const n = Number(e!.value.toString());
              if (await c.compareAndPut('counter', b(String(n + 1)), e!.modRevision)) break;
            }
          }
        }),
      );
      assert.equal((await s.get('counter'))?.value.toString(), '30');
    });

    it('store - keys under a lease vanish when it is revoked, and when its holder dies', async () => {
      const s = await fixture.client();
      const revoked = await s.grantLease(2);
      await s.put('hb/revoked', b('x'), { lease: revoked });
      assert.ok((await s.get('hb/revoked')) !== null);
      await revoked.close();
      await revoked.close();
      assert.equal(await s.get('hb/revoked'), null);

      const holder = await fixture.client();
      const lease = await holder.grantLease(1);
      await holder.put('hb/dead', b('y'), { lease });
      const kept = await holder.grantLease(1);
      await holder.put('hb/kept', b('z'), { lease: kept });
      // Kept alive past its TTL while the holder lives.
      await new Promise((r) => setTimeout(r, 1500));
      assert.ok((await s.get('hb/kept')) !== null, 'a live holder keeps its lease');
      await fixture.crash(holder);
      // Both of its leases expire, each on its own clock (the later one was last renewed later).
      await waitFor(async () => (await s.get('hb/dead')) === null && (await s.get('hb/kept')) === null, {
        timeoutMs: fixture.expiryMs,
        intervalMs: 50,
        message: 'keys of a dead holder expire',
      });
    });

    it('store - a prefix watch sees puts and deletes in order, lease expiry included', async () => {
      const s = await fixture.client();
      const events: WatchEvent[] = [];
      const watch = await s.watchPrefix('w/', (e) => events.push(e));
      await s.put('w/1', b('a'));
      await s.put('other', b('-'));
      await s.put('w/1', b('b'));
      await s.delete('w/1');
      const holder = await fixture.client();
      const lease = await holder.grantLease(1);
      await holder.put('w/hb', b('alive'), { lease });
      await fixture.crash(holder);
      await waitFor(() => events.length === 5, {
        timeoutMs: fixture.expiryMs,
        intervalMs: 20,
        message: `5 events, got ${events.length}`,
      });
      assert.deepEqual(
        events.map((e) => (e.type === 'put' ? `put ${e.key}=${e.value.toString()}` : `delete ${e.key}`)),
        ['put w/1=a', 'put w/1=b', 'delete w/1', 'put w/hb=alive', 'delete w/hb'],
      );
      await watch.close();
      await watch.close();
      await s.put('w/after', b('x'));
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(events.length, 5, 'no event after close');
    });

    it('store - one leader at a time; a standby takes over when the leader resigns or dies', async () => {
      const [c1, c2, c3] = await Promise.all([fixture.client(), fixture.client(), fixture.client()]);
      const first = c1.campaign('nimbus', 'n1', 1);
      await first.elected;
      assert.equal(first.isLeader(), true);
      const second = c2.campaign('nimbus', 'n2', 1);
      let secondElected = false;
      void second.elected.then(() => (secondElected = true));
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(secondElected, false, 'a standby waits');
      assert.equal(await c3.leader('nimbus'), 'n1');

      await first.close();
      await second.elected;
      assert.equal(second.isLeader(), true);
      assert.equal(first.isLeader(), false);
      assert.equal(await c3.leader('nimbus'), 'n2');
      // Candidates queue in the order their campaigns reach the store: the third joins now.
      const third = c3.campaign('nimbus', 'n3', 1);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(third.isLeader(), false);

      const started = Date.now();
      await fixture.crash(c2);
      await third.elected;
      assert.ok(Date.now() - started <= fixture.expiryMs, 'takeover within the expiry bound');
      assert.equal(await c3.leader('nimbus'), 'n3');
      await third.close();
    });

    it('store - fenced writes succeed for the leader and fail with NOT_LEADER after it lost', async () => {
      const [c1, c2] = await Promise.all([fixture.client(), fixture.client()]);
      const l1 = c1.campaign('fence', 'a', 1);
      await l1.elected;
      await c1.put('assignment', b('from a'), { fence: l1 });
      const e = await c1.get('assignment');
      assert.equal(await c1.compareAndPut('assignment', b('a again'), e!.modRevision, { fence: l1 }), true);
      const l2 = c2.campaign('fence', 'b', 1);
      await l1.close();
      await l2.elected;
      await assert.rejects(
        () => c1.put('assignment', b('deposed a'), { fence: l1 }),
        (err: unknown) => err instanceof GaleError && err.code === 'NOT_LEADER',
      );
      const now = await c2.get('assignment');
      await assert.rejects(
        () => c1.compareAndPut('assignment', b('deposed a'), now!.modRevision, { fence: l1 }),
        (err: unknown) => err instanceof GaleError && err.code === 'NOT_LEADER',
      );
      await assert.rejects(
        () => c1.delete('assignment', { fence: l1 }),
        (err: unknown) => err instanceof GaleError && err.code === 'NOT_LEADER',
      );
      await c2.put('assignment', b('from b'), { fence: l2 });
      assert.equal((await c2.get('assignment'))?.value.toString(), 'from b');
      await l2.close();
    });

    it('store - a closed client refuses calls with CLUSTER_CLOSED; close is idempotent', async () => {
      const s = await fixture.client();
      await s.close();
      await s.close();
      await assert.rejects(
        () => s.get('x'),
        (err: unknown) => err instanceof GaleError && err.code === 'CLUSTER_CLOSED',
      );
    });
  });
}
