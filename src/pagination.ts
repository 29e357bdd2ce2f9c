// One paging engine for every list the spec marks with `x-pagination`: envelopes with totals, or bare arrays with
// page-count headers. `await` gives the first page; `for await` gives every item across pages.
import { InvalidRequestError, type ResponseValidationContext, ResponseValidationError } from "./errors.js";
import type { PaginationSpec } from "./operation-spec.js";

/** One fetched page: its parsed body and the response headers (some lists put their totals there). */
export interface FetchedPage {
  readonly body: unknown;
  readonly headers: Headers;
  /** Where the page came from, for the error when it holds no list of items. */
  readonly source: ResponseValidationContext & { readonly operationId: string };
}

/**
 * What a paginated list method returns. Awaiting it resolves to the first requested page, exactly as the API
 * returns it; iterating it with `for await` yields every item of that page and the ones after it, requesting the
 * next page only when the current one is used up, and never past the last page or an empty one.
 * Breaking out of the loop stops fetching.
 *
 * @example
 * const firstPage = await argil.videos.list({ limit: 50 });
 * for await (const video of argil.videos.list({ limit: 50 })) console.log(video.id);
 */
export class PagePromise<Page, Item> implements Promise<Page>, AsyncIterable<Item> {
  readonly [Symbol.toStringTag] = "PagePromise";
  readonly #first: Promise<FetchedPage>;
  readonly #fetchPage: (query?: Record<string, unknown>) => Promise<FetchedPage>;
  readonly #query: Record<string, unknown>;
  readonly #spec: PaginationSpec;
  readonly #rethrow: (error: unknown) => never;

  /** @internal Created by the client's list methods. */
  constructor(
    spec: PaginationSpec,
    query: Record<string, unknown> | undefined,
    /** Fetches a page: with no query, the page the caller asked for, exactly as they asked. */
    fetchPage: (query?: Record<string, unknown>) => Promise<FetchedPage>,
    /** Throws an error of the iteration's own making, after the client's treatment (the key scrubbed out). */
    rethrow: (error: unknown) => never = (error) => {
      throw error;
    },
  ) {
    this.#spec = spec;
    this.#rethrow = rethrow;
    this.#query = typeof query === "object" && query !== null ? { ...query } : {};
    this.#fetchPage = fetchPage;
    const start = this.#query[spec.pageParam];
    // Paging adds 1 to the page number, so only a positive whole number (or none, meaning 1) can be paged from.
    this.#first =
      start === undefined || (Number.isInteger(start) && (start as number) >= 1)
        ? // Sent at once, like any other method call; iteration reuses it as its first page.
          fetchPage()
        : Promise.reject(
            new InvalidRequestError(
              `${spec.pageParam} must be a whole number from 1, got ${JSON.stringify(start)}; nothing was sent.`,
              [{ path: `query.${spec.pageParam}`, message: "must be a whole number from 1" }],
            ),
          );
  }

  // biome-ignore lint/suspicious/noThenProperty: this object is meant to be awaited like the page it resolves to.
  then<A = Page, B = never>(
    onFulfilled?: ((page: Page) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#first.then((page) => page.body as Page).then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<Page | B> {
    return this.then(undefined, onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<Page> {
    return this.then().finally(onFinally);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    const { pageParam } = this.#spec;
    let pageNumber = Number(this.#query[pageParam] ?? 1);
    let page = await this.#first;
    const asked = Number(this.#query[this.#spec.sizeParam]);
    let size: number | undefined = Number.isInteger(asked) ? asked : undefined;
    let previous: string | undefined;
    for (;;) {
      let items: unknown[];
      try {
        items = pageItems(this.#spec, page);
      } catch (error) {
        this.#rethrow(error);
      }
      if (items.length === 0) return;
      // A server that ignores the page number would send the same page for ever.
      const fingerprint = JSON.stringify(items);
      if (fingerprint === previous) return;
      previous = fingerprint;
      yield* items as Item[];
      const totalPages = pageCount(this.#spec, page);
      if (totalPages !== undefined && pageNumber >= totalPages) return;
      // Without a page count, a page shorter than the size asked for (else than the first page) is the last.
      size ??= items.length;
      if (totalPages === undefined && items.length < size) return;
      pageNumber += 1;
      page = await this.#fetchPage({ ...this.#query, [pageParam]: pageNumber });
    }
  }
}

// A page without its list is a broken answer, not an empty page: ending quietly would hide every later item.
function pageItems(spec: PaginationSpec, page: FetchedPage): unknown[] {
  const { body, source } = page;
  const items = spec.items === undefined ? body : (body as Record<string, unknown> | null)?.[spec.items];
  if (Array.isArray(items)) return items;
  const where = spec.items === undefined ? "" : `/${spec.items}`;
  const got = items === undefined ? "it is missing" : `got ${items === null ? "null" : typeof items}`;
  const message = `must be the array of items of a page (${got})`;
  throw new ResponseValidationError(source.operationId, source, [{ path: where, message }], body);
}

function pageCount(spec: PaginationSpec, page: FetchedPage): number | undefined {
  const raw =
    spec.totalPagesHeader !== undefined
      ? page.headers.get(spec.totalPagesHeader)
      : spec.totalPages !== undefined
        ? (page.body as Record<string, unknown> | null)?.[spec.totalPages]
        : undefined;
  const count = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
  return typeof count === "number" && Number.isFinite(count) && count >= 0 ? count : undefined;
}
