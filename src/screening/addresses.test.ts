import assert from 'node:assert/strict';
import type { TestApp } from '../../test/helpers/app.js';
import { appOnEachEngine } from '../../test/helpers/app-engines.js';
import type { StaffClient } from '../../test/helpers/staff.js';
import { personWithRequest } from './test-person.js';

/**
 * Issue 12, "paths reveal answers" (decision 017): no address a person visits in screening depends on
 * their answers or on which questionnaires they get, and the request log shows only route templates there.
 * Two people walk the whole screening as a browser does (following links, sending forms, following
 * redirects): one with all-zero answers and no PTSD mentioned, one with PHQ-9 item 9 at 1 and PTSD
 * mentioned (so the PCL-5 too). The addresses visited, and the log lines of those requests, must be the
 * same sets. (How many pages each visits still differs: the PCL-5 has more questions.)
 */

const hidden = (form: string) =>
  Object.fromEntries(
    [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, m[2]!]),
  );

/** Walks from /screening to the done page; returns every `METHOD path` requested, in order. */
async function walk(person: StaffClient, pick: (linkId: string, choices: string[]) => string) {
  const visited: string[] = [];
  let response = await person.get('/screening');
  visited.push('GET /screening');
  for (let step = 0; step < 120; step += 1) {
    if (response.statusCode === 303) {
      const next = new URL(String(response.headers.location), 'http://localhost');
      visited.push(`GET ${next.pathname}${next.search}`);
      response = await person.get(`${next.pathname}${next.search}`);
      continue;
    }
    assert.equal(response.statusCode, 200, `${visited.at(-1)} answers`);
    const body = response.body;
    if (body.includes('Your answers have reached the clinic')) return visited;
    const questions = [
      ...body.matchAll(/<form method="post" action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g),
    ].find((form) => form[2]!.includes('type="radio"'));
    const goOn = /href="([^"]+)"[^>]*>\s*Go on with the questions/.exec(body);
    const start = /<a[^>]*href="(\/screening[^"]*)"[^>]*>\s*(?:Start|Continue)/.exec(body);
    const finish = /<form method="post" action="(\/screening\/finish)"[^>]*>([\s\S]*?)<\/form>/.exec(body);
    if (questions) {
      const choices = new Map<string, string[]>();
      for (const [, name, value] of questions[2]!.matchAll(
        /type="radio" id="[^"]+" name="([^"]+)" value="([^"]+)"/g,
      ))
        choices.set(name!, [...(choices.get(name!) ?? []), value!]);
      const answers = Object.fromEntries(
        [...choices].map(([linkId, values]) => [linkId, pick(linkId, values)]),
      );
      visited.push(`POST ${questions[1]}`);
      response = await person.post(questions[1]!, { ...hidden(questions[2]!), ...answers });
    } else if (goOn) {
      visited.push(`GET ${goOn[1]}`);
      response = await person.get(goOn[1]!);
    } else if (start) {
      visited.push(`GET ${start[1]}`);
      response = await person.get(start[1]!);
    } else if (finish) {
      visited.push(`POST ${finish[1]}`);
      response = await person.post(finish[1]!, hidden(finish[2]!));
    } else {
      assert.fail(`nothing to follow after ${visited.at(-1)}`);
    }
  }
  assert.fail('the walk did not end');
}

/** The request-log lines written since `from`, for screening addresses, without their timing. */
function loggedSince(testApp: TestApp, from: number) {
  return testApp.logs.entries
    .slice(from)
    .filter((entry) => entry.msg === 'request' && String(entry.path).startsWith('/screening'))
    .map((entry) => ({ method: entry.method, path: entry.path, route: entry.route, status: entry.status }));
}

const unique = <T>(items: T[]) => [...new Set(items.map((item) => JSON.stringify(item)))].sort();

appOnEachEngine('screening addresses say nothing about the answers', (_engine, it) => {
  it('a walk with item 9 above 0 and PTSD mentioned visits and logs the same addresses as an all-zero walk without PTSD', {
    content: 'none',
  }, async (testApp) => {
    const calm = await personWithRequest(testApp, { concerns: ['depression'] });
    const calmFrom = testApp.logs.lines.length;
    const calmWalk = await walk(calm.person, (_linkId, choices) => choices[0]!);
    const calmLog = loggedSince(testApp, calmFrom);

    const worried = await personWithRequest(testApp, { concerns: ['depression', 'ptsd'] });
    const worriedFrom = testApp.logs.lines.length;
    const worriedWalk = await walk(worried.person, (linkId, choices) =>
      linkId === 'phq9-9' ? '1' : choices[0]!,
    );
    const worriedLog = loggedSince(testApp, worriedFrom);

    const flagged = await testApp.db.handle.db
      .selectFrom('appointment_requests')
      .select(['id', 'safety_flagged_at'])
      .execute();
    assert.ok(
      flagged.find((row) => row.id === worried.requestId)?.safety_flagged_at,
      'item 9 raised the review',
    );
    assert.ok(
      worriedWalk.length > calmWalk.length,
      'the second person answered more pages (the PCL-5), so the walks did differ',
    );
    assert.deepEqual(unique(worriedWalk), unique(calmWalk), 'the same addresses');
    assert.deepEqual(unique(worriedLog), unique(calmLog), 'the same log lines');
    for (const line of [...calmLog, ...worriedLog])
      assert.equal(line.path, line.route, `${line.method} ${line.path} is logged as its route template`);
    assert.doesNotMatch(testApp.logs.text, /pcl|phq|support/i, 'no questionnaire or panel in the log');
  });

  it('an address under /screening that matches no route is logged without its path', {
    content: 'none',
  }, async (testApp) => {
    const { person } = await personWithRequest(testApp);
    const from = testApp.logs.lines.length;
    assert.equal((await person.get('/screening/pcl-5')).statusCode, 404);
    const logged = loggedSince(testApp, from);
    assert.deepEqual(
      logged.map((line) => line.path),
      ['/screening/*'],
    );
  });
});
