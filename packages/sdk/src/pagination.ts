/**
 * Walks a cursor-paged list: fetches a page, yields its items, follows the cursor until there is none.
 * Pages are fetched lazily (only when the loop asks for more), so `break` stops fetching.
 */
export async function* autoPage<P, I>(fetchPage: (cursor: string | undefined) => Promise<P>, read: (page: P) => { items: I[]; next: string | null }): AsyncIterableIterator<I> {
  let cursor: string | undefined;
  for (;;) {
    const { items, next } = read(await fetchPage(cursor));
    yield* items;
    if (!next || next === cursor) return;
    cursor = next;
  }
}
