import { useEffect, useRef } from "react";

/**
 * After a client-side navigation, focus moves to the new page's heading (or its main region),
 * as a screen reader user expects after following a link; not on the first load.
 */
export function useFocusOnNavigation(pathname: string) {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const main = document.getElementById("main");
    const heading = main?.querySelector<HTMLElement>("h1");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: true });
    } else main?.focus({ preventScroll: true });
  }, [pathname]);
}
