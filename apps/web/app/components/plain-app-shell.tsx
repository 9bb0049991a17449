import {
  AppShell,
  em,
  getBreakpointValue,
  type MantineTheme,
  RemoveScroll,
  rem,
  stylesToString,
  useMantineStyleNonce,
  useMantineTheme,
} from "@mantine/core";
import { useId, useWindowEvent } from "@mantine/hooks";
import { startTransition, useEffect, useRef, useState } from "react";

/*
 * Mantine's AppShell as plain elements carrying its classes and CSS variables (the same markup, so
 * it looks and behaves the same), for the staff's shell: a header 56 px high, a navbar 240 px wide
 * that folds away below the `sm` breakpoint unless opened, padding `md`, fixed mode. AppShell
 * resolved the styles of its root and of each section, and worked out its media styles, on every
 * page (issue 21); here they are worked out once per theme.
 */

const ROOT = `${AppShell.classes.root} mantine-AppShell-root`;
const HEADER = `${AppShell.classes.header} mantine-AppShell-header ${RemoveScroll.classNames.zeroRight}`;
const NAVBAR = `${AppShell.classes.navbar} mantine-AppShell-navbar`;
const MAIN = `${AppShell.classes.main} mantine-AppShell-main`;
const SECTION = `${AppShell.classes.section} mantine-AppShell-section`;

/** The transition AppShell's defaults give (200 ms, ease) and the z-indexes of its "app" layer. */
const TRANSITION_MS = 200;
const ROOT_STYLE = {
  "--app-shell-transition-duration": `${TRANSITION_MS}ms`,
  "--app-shell-transition-timing-function": "ease",
} as React.CSSProperties;
const HEADER_STYLE = {
  "--app-shell-header-z-index": "100",
  background: "var(--mantine-color-red-9)",
} as React.CSSProperties;
const NAVBAR_STYLE = {
  "--app-shell-navbar-z-index": "calc(100 + 1)",
  padding: "var(--mantine-spacing-sm)",
} as React.CSSProperties;
const MAIN_STYLE = { outline: "none", background: "var(--mantine-color-gray-0)" };

const NAVBAR_WIDTH = rem(240);
const HEADER_HEIGHT = rem(56);

/**
 * The `<style>` AppShell renders for these sizes (its `AppShellMediaStyles`, the same steps): the
 * sizes on `:root`, and below `sm` a navbar as wide as the screen, pushed out while the menu is closed.
 */
function mediaCss(theme: MantineTheme, menuOpened: boolean): string {
  const styles = {
    "--app-shell-navbar-width": NAVBAR_WIDTH,
    "--app-shell-navbar-offset": NAVBAR_WIDTH,
    "--app-shell-header-height": HEADER_HEIGHT,
    "--app-shell-header-offset": HEADER_HEIGHT,
    "--app-shell-padding": "var(--mantine-spacing-md)",
  };
  const small = getBreakpointValue("sm", theme.breakpoints);
  const media = menuOpened
    ? [
        {
          query: `(max-width: ${em(small)})`,
          styles: { "--app-shell-navbar-offset": "0px", "--app-shell-navbar-width": "100%" },
        },
      ]
    : [
        {
          query: `(max-width: ${em(small - 0.1)})`,
          styles: {
            "--app-shell-navbar-width": "100%",
            "--app-shell-navbar-offset": "0px",
            "--app-shell-navbar-transform": "translateX(calc(var(--app-shell-navbar-width) * -1))",
            "--app-shell-navbar-transform-rtl": "translateX(var(--app-shell-navbar-width))",
          },
        },
      ];
  // Custom properties only, which React's CSS type does not list.
  return stylesToString({
    selector: ":root",
    styles: styles as React.CSSProperties,
    media: media as { query: string; styles: React.CSSProperties }[],
  });
}

const mediaCssOfTheme = new WeakMap<MantineTheme, { opened: string; closed: string }>();

function ShellMediaStyles({ menuOpened }: { menuOpened: boolean }) {
  const theme = useMantineTheme();
  const nonce = useMantineStyleNonce();
  let css = mediaCssOfTheme.get(theme);
  if (!css) {
    css = { opened: mediaCss(theme, true), closed: mediaCss(theme, false) };
    mediaCssOfTheme.set(theme, css);
  }
  return (
    <style
      data-mantine-styles="inline"
      nonce={nonce?.()}
      dangerouslySetInnerHTML={{ __html: menuOpened ? css.opened : css.closed }}
    />
  );
}

/**
 * AppShell's `data-resizing`: set from the start and for a moment after each resize of the window,
 * so that its sections do not animate into place (AppShell's `useResizing`).
 */
function useResizing(): boolean {
  const [resizing, setResizing] = useState(true);
  const resizeTimeout = useRef(-1);
  useEffect(() => {
    const timeout = window.setTimeout(() => startTransition(() => setResizing(false)), TRANSITION_MS);
    return () => window.clearTimeout(timeout);
  }, []);
  useWindowEvent("resize", () => {
    setResizing(true);
    window.clearTimeout(resizeTimeout.current);
    resizeTimeout.current = window.setTimeout(() => startTransition(() => setResizing(false)), 200);
  });
  return resizing;
}

/** The shell's root: the children are its skip link, header, navbar and main. */
export function PlainAppShell({ menuOpened, children }: { menuOpened: boolean; children: React.ReactNode }) {
  const resizing = useResizing();
  // Mantine's id, as AppShell gives its root (React's id on the server, a random one once mounted).
  const id = useId();
  return (
    <>
      <ShellMediaStyles menuOpened={menuOpened} />
      <div style={ROOT_STYLE} className={ROOT} data-resizing={resizing || undefined} data-mode="fixed" id={id}>
        {children}
      </div>
    </>
  );
}

export function PlainAppShellHeader({ children }: { children: React.ReactNode }) {
  return (
    <header style={HEADER_STYLE} className={HEADER}>
      {children}
    </header>
  );
}

export function PlainAppShellNavbar({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <nav style={NAVBAR_STYLE} className={NAVBAR} data-with-border="true" aria-label={label}>
      {children}
    </nav>
  );
}

export function PlainAppShellMain({ id, children }: { id: string; children: React.ReactNode }) {
  return (
    <main style={MAIN_STYLE} className={MAIN} id={id} tabIndex={-1}>
      {children}
    </main>
  );
}

/** A section of the navbar; `grow` takes the height left (AppShell.Section's `grow`). */
export const appShellSectionClass = SECTION;

export function PlainAppShellSection({ children }: { children: React.ReactNode }) {
  return <div className={SECTION}>{children}</div>;
}
