import assert from 'node:assert/strict';
import { testCipher } from '../../../test/helpers/app.js';
import { forEachEngine } from '../../../test/helpers/engines.js';
import { createOutbox } from './outbox.js';
import { purgeSentMessages } from './purge.js';

forEachEngine('purging delivered mail', (_engine, it) => {
  it('deletes delivered messages sent before the cut-off and keeps pending, failed and recent ones', async (database) => {
    const db = database.handle.db;
    const outbox = createOutbox({
      db,
      cipher: testCipher(),
      now: () => new Date('2025-01-01T00:00:00Z'),
      publicUrl: new URL('https://clinic.example/'),
    });
    const ids: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      ids.push(
        await db
          .transaction()
          .execute((trx) =>
            outbox.enqueue(trx, { kind: 'test', to: `p${i}@example.org`, subject: 's', text: 't' }),
          ),
      );
    }
    const [oldSent, recentSent, oldPending, oldFailed] = ids as [string, string, string, string];
    await db
      .updateTable('outbox_messages')
      .set({ status: 'sent', sent_at: '2025-01-02T00:00:00.000Z' })
      .where('id', '=', oldSent)
      .execute();
    await db
      .updateTable('outbox_messages')
      .set({ status: 'sent', sent_at: '2026-11-01T00:00:00.000Z' })
      .where('id', '=', recentSent)
      .execute();
    await db.updateTable('outbox_messages').set({ status: 'failed' }).where('id', '=', oldFailed).execute();
    assert.equal(await purgeSentMessages(db, new Date('2025-11-25T00:00:00Z')), 1);
    const left = (await db.selectFrom('outbox_messages').select('id').execute()).map((row) => row.id).sort();
    assert.deepEqual(left, [recentSent, oldPending, oldFailed].sort());
  });
});
