/**
 * The query of a list page as its use case takes it, read from the page's URL: one reading for
 * the page and its export, so the export keeps exactly the filters the page shows.
 */

/** The ledger's filters (`?township=&station=&kind=&from=&to=&q=`). */
export function ledgerFilters(params: URLSearchParams) {
  return {
    townshipId: params.get("township") ?? undefined,
    stationId: params.get("station") ?? undefined,
    kind: params.get("kind") ?? undefined,
    from: params.get("from") || undefined,
    to: params.get("to") || undefined,
    search: params.get("q") ?? undefined,
  };
}

/** The audit log's filter (`?action=`, a group of actions) and page. */
export function auditQuery(params: URLSearchParams) {
  return { action: params.get("action") ?? undefined, page: params.get("page") ?? undefined };
}
