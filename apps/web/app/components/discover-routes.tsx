import { Link } from "react-router";

/**
 * Routes the signed-in pages' fetchers load without a link to them: the deputy picker's
 * options, onboarding's divisions. Route discovery is lazy (docs/decisions/0016-a-light-public-entry.md):
 * React Router learns a route from the links on the page, in one request after hydration, or
 * when a fetcher first asks for it. A fetcher revalidated while its route is still being
 * discovered falls to the "*" catch-all in 7.18 (remix-run/react-router#15326), so these
 * are discovered with the page, before any fetcher needs them.
 */
const FETCHED_ROUTES = ["/county/deputy-options", "/platform/divisions"] as const;

export function DiscoverFetchedRoutes() {
  return (
    <nav hidden aria-hidden data-testid="discover-routes">
      {FETCHED_ROUTES.map((path) => (
        <Link key={path} to={path} discover="render" prefetch="none" tabIndex={-1}>
          {path}
        </Link>
      ))}
    </nav>
  );
}
