import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { LogCapture } from '../../../test/helpers/app.js';
import { forEachEngine } from '../../../test/helpers/engines.js';
import { createJobRunner } from '../jobs/index.js';
import { createLogger } from '../logging/logger.js';
import { createAuditLog } from './audit-log.js';
import { auditHeadAnchorJob } from './head-anchor.js';
import { verifyAuditChain } from './verify.js';

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5000) assert.fail(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

forEachEngine('audit head anchor', (_engine, it) => {
  it('writes the newest seq and hash to the log when they change, and only then', async ({ handle }) => {
    const logs = new LogCapture();
    const logger = createLogger({ level: 'info', destination: logs });
    const audit = createAuditLog({ db: handle.db, now: () => new Date(), logger });
    const anchors = () =>
      logs.entries.filter((entry) => entry.auditHead) as { auditHead: { seq: number; hash: string } }[];

    const anchor = createJobRunner({ db: handle.db, logger, now: () => new Date() });
    anchor.add([auditHeadAnchorJob({ db: handle.db, logger, every: 20 })]);
    anchor.start();
    try {
      await sleep(80);
      assert.deepEqual(anchors(), [], 'an empty log has no head to anchor');
      await audit.record({ actorKind: 'system', action: 'system.start', outcome: 'success' });
      const second = await audit.record({ actorKind: 'system', action: 'system.start', outcome: 'success' });
      await until(() => anchors().some((line) => line.auditHead.seq === 2), 'the head at 2');
      await sleep(100);
      assert.equal(anchors().filter((line) => line.auditHead.seq === 2).length, 1, 'once per change');
      assert.deepEqual(anchors().at(-1)!.auditHead, { seq: 2, hash: second.hash });
      const third = await audit.record({ actorKind: 'cli', action: 'user.create', outcome: 'success' });
      await until(() => anchors().at(-1)!.auditHead.seq === 3, 'the head at 3');
      const verified = await verifyAuditChain(handle.db);
      assert.deepEqual(
        verified.ok && verified.head,
        { seq: 3, hash: third.hash },
        'the anchor is the chain head',
      );
    } finally {
      await anchor.stop();
    }
    const count = logs.lines.length;
    await audit.record({ actorKind: 'system', action: 'system.stop', outcome: 'success' });
    await sleep(80);
    assert.equal(logs.lines.length, count, 'nothing is written after stop()');
  });
});
