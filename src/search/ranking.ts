/**
 * Combines the clauses' matches into a ranking (decision 009): per idea, a page scores its best clause plus
 * TIE_BREAKER of the others (dis_max); the ideas' scores are summed and multiplied by how many ideas the
 * page matched (coordination), and doubled when its title holds every idea found. Results keep one place
 * per page: the page or its best section.
 *
 * The work is done in arrays with a slot per indexed entry, allocated once per index and reused by every
 * query (searches run one at a time, synchronously), so a query allocates almost nothing: no map entry or
 * object per candidate, and no garbage for the collector to pause on.
 */

/** In an idea with several matching clauses, the others count this much beside the best. */
export const TIE_BREAKER = 0.05;

/**
 * A page whose title holds every idea of the query that the site knows (by any of the idea's words) counts
 * this many times: its subject is the whole question ("ketamine vs tms" and "Ketamine infusions or TMS: how
 * they compare"), where others only mention its parts.
 */
export const TITLE_ANSWERS_BOOST = 2;

export interface Match {
  /** Entry numbers, ascending. */
  docs: ArrayLike<number>;
  scores: ArrayLike<number>;
  /** 1 where the whole clause is in the entry's title. */
  inTitle: ArrayLike<number>;
}

export interface WeightedMatch {
  idea: string;
  weight: number;
  match: Match;
}

export class Ranker {
  readonly #pageOf: Int32Array;
  // Per entry, within the idea being added up: best clause score, sum of clause scores, title holds it.
  readonly #best: Float64Array;
  readonly #sum: Float64Array;
  readonly #title: Uint8Array;
  readonly #ideaMark: Int32Array;
  // Per entry, over the ideas: summed idea scores, ideas matched, ideas in the title.
  readonly #score: Float64Array;
  readonly #ideas: Int32Array;
  readonly #titles: Int32Array;
  readonly #queryMark: Int32Array;
  // Per page: its best entry's final score, and which entry that is.
  readonly #pageScore: Float64Array;
  readonly #pageEntry: Int32Array;
  readonly #pageMark: Int32Array;
  // Lists of the entries and pages touched, filled from the start by each query.
  readonly #touched: Int32Array;
  readonly #candidates: Int32Array;
  readonly #pagesFound: Int32Array;
  #generation = 0;

  /** `pageOf[entry]` is the page (numbered from 0) an entry belongs to. */
  constructor(pageOf: Int32Array, pages: number) {
    const entries = pageOf.length;
    this.#pageOf = pageOf;
    this.#best = new Float64Array(entries);
    this.#sum = new Float64Array(entries);
    this.#title = new Uint8Array(entries);
    this.#ideaMark = new Int32Array(entries);
    this.#score = new Float64Array(entries);
    this.#ideas = new Int32Array(entries);
    this.#titles = new Int32Array(entries);
    this.#queryMark = new Int32Array(entries);
    this.#pageScore = new Float64Array(pages);
    this.#pageEntry = new Int32Array(pages);
    this.#pageMark = new Int32Array(pages);
    this.#touched = new Int32Array(entries);
    this.#candidates = new Int32Array(entries);
    this.#pagesFound = new Int32Array(pages);
  }

  #next(): number {
    if (this.#generation >= 2 ** 30) {
      this.#generation = 0;
      for (const marks of [this.#ideaMark, this.#queryMark, this.#pageMark]) marks.fill(0);
    }
    return ++this.#generation;
  }

  /** The best `limit` entries, one per page, best first. */
  rank(clauses: readonly WeightedMatch[], limit: number): { entry: number; score: number }[] {
    if (limit < 1) return [];
    const byIdea = new Map<string, WeightedMatch[]>();
    for (const clause of clauses) {
      if (clause.match.docs.length === 0) continue;
      const group = byIdea.get(clause.idea);
      if (group) group.push(clause);
      else byIdea.set(clause.idea, [clause]);
    }
    const query = this.#next();
    const candidates = this.#candidates;
    const touched = this.#touched;
    let candidateCount = 0;
    for (const group of byIdea.values()) {
      const idea = this.#next();
      let touchedCount = 0;
      for (const { weight, match } of group) {
        const { docs, scores, inTitle } = match;
        for (let i = 0; i < docs.length; i++) {
          const doc = docs[i]!;
          const score = weight * scores[i]!;
          if (this.#ideaMark[doc] !== idea) {
            this.#ideaMark[doc] = idea;
            this.#best[doc] = score;
            this.#sum[doc] = score;
            this.#title[doc] = inTitle[i]!;
            touched[touchedCount++] = doc;
          } else {
            if (score > this.#best[doc]!) this.#best[doc] = score;
            this.#sum[doc]! += score;
            this.#title[doc]! |= inTitle[i]!;
          }
        }
      }
      for (let t = 0; t < touchedCount; t++) {
        const doc = touched[t]!;
        const best = this.#best[doc]!;
        const score = best + TIE_BREAKER * (this.#sum[doc]! - best);
        if (this.#queryMark[doc] !== query) {
          this.#queryMark[doc] = query;
          this.#score[doc] = score;
          this.#ideas[doc] = 1;
          this.#titles[doc] = this.#title[doc]!;
          candidates[candidateCount++] = doc;
        } else {
          this.#score[doc]! += score;
          this.#ideas[doc]! += 1;
          this.#titles[doc]! += this.#title[doc]!;
        }
      }
    }
    // Final scores, kept per page: the page's best entry.
    const ideas = byIdea.size;
    const pages = this.#pagesFound;
    let pageCount = 0;
    for (let c = 0; c < candidateCount; c++) {
      const doc = candidates[c]!;
      const titleBoost = this.#titles[doc] === ideas ? TITLE_ANSWERS_BOOST : 1;
      const score = this.#score[doc]! * this.#ideas[doc]! * titleBoost;
      const page = this.#pageOf[doc]!;
      if (this.#pageMark[page] !== query) {
        this.#pageMark[page] = query;
        this.#pageScore[page] = score;
        this.#pageEntry[page] = doc;
        pages[pageCount++] = page;
      } else if (score > this.#pageScore[page]!) {
        this.#pageScore[page] = score;
        this.#pageEntry[page] = doc;
      }
    }
    // The best `limit` pages, kept in order as the candidates pass (no sort of them all).
    const top: number[] = [];
    for (let p = 0; p < pageCount; p++) {
      const page = pages[p]!;
      const score = this.#pageScore[page]!;
      if (top.length === limit) {
        if (score <= this.#pageScore[top[limit - 1]!]!) continue;
        top.pop();
      }
      let at = top.length;
      while (at > 0 && this.#pageScore[top[at - 1]!]! < score) at--;
      top.splice(at, 0, page);
    }
    return top.map((page) => ({ entry: this.#pageEntry[page]!, score: this.#pageScore[page]! }));
  }
}
