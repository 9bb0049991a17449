import "~/lib/staff-styles";
import { ActionIcon, Anchor, Burger, Button, Group, Indicator, Stack, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Notifications } from "@mantine/notifications";
import { can } from "@rdlink/auth";
import { countUnreadNotifications } from "@rdlink/core/notifications/count-unread-notifications";
import { IconBell, IconKey, IconLogout } from "@tabler/icons-react";
import { Form, Link, Outlet, useLocation } from "react-router";
import { DiscoverFetchedRoutes } from "~/components/discover-routes";
import { LanguageSwitch } from "~/components/language-switch";
import { MantineFrame } from "~/components/mantine-frame";
import {
  PlainAppShell,
  PlainAppShellHeader,
  PlainAppShellMain,
  PlainAppShellNavbar,
  PlainAppShellSection,
} from "~/components/plain-app-shell";
import { StaffNavigation } from "~/components/staff-navigation";
import { requireSignedIn } from "~/lib/auth.server";
import { countyRequest } from "~/lib/county-route.server";
import { useFocusOnNavigation } from "~/lib/focus-on-navigation";
import { navigationOf } from "~/lib/navigation";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/signed-in-layout";
import classes from "./signed-in-layout.module.css";

export async function loader(args: Route.LoaderArgs) {
  const { actor, tenant } = requireSignedIn(args.request, args.context);
  // The bell: the user's unread notifications, counted on every navigation (one indexed count).
  // Platform staff have no county and no bell.
  const unread = can(actor, "tenant.notifications.read")
    ? await countyRequest(args).inTenant((tx) => countUnreadNotifications(tx, actor.userId))
    : null;
  return {
    user: {
      displayName: actor.displayName,
      username: actor.username,
      roles: actor.platformRole ? ["platform_operator"] : actor.memberships.map((m) => m.role),
    },
    tenantName: tenant?.name ?? null,
    nav: navigationOf(actor),
    unread,
  };
}

/*
 * The shell's fixed parts are plain elements carrying the classes and CSS variables Mantine's
 * Group, Text, Stack, Anchor, Burger, Indicator, ActionIcon and Button would give them (the same
 * markup, so they look the same): the shell is on every staff page, and resolving each component's
 * styles cost more than many a page's own content (issue 21).
 */
const TEXT = `mantine-focus-auto ${Text.classes.root} mantine-Text-root`;
const GROUP = `${Group.classes.root} mantine-Group-root`;
const ANCHOR = `mantine-focus-auto ${Anchor.classes.root} ${Text.classes.root} mantine-Text-root mantine-Anchor-root`;
const SKIP_LINK = `mantine-focus-auto ${Anchor.classes.root} ${classes.skipLink} ${Text.classes.root} mantine-Text-root mantine-Anchor-root`;
const BUTTON = `mantine-focus-auto mantine-active ${Button.classes.root} mantine-Button-root ${UnstyledButton.classes.root} mantine-UnstyledButton-root`;
const BUTTON_INNER = `${Button.classes.inner} mantine-Button-inner`;
const BUTTON_SECTION = `${Button.classes.section} mantine-Button-section`;
const BUTTON_LABEL = `${Button.classes.label} mantine-Button-label`;
const BURGER = `mantine-focus-auto ${Burger.classes.root} mantine-Burger-root ${UnstyledButton.classes.root} mantine-UnstyledButton-root mantine-hidden-from-sm`;
const BURGER_LINES = `${Burger.classes.burger} mantine-Burger-burger`;
const INDICATOR = `${Indicator.classes.root} mantine-Indicator-root`;
const INDICATOR_LABEL = `${Indicator.classes.indicator} mantine-Indicator-indicator`;
const BELL = `mantine-focus-auto mantine-active ${ActionIcon.classes.root} mantine-ActionIcon-root ${UnstyledButton.classes.root} mantine-UnstyledButton-root`;
const BELL_ICON = `${ActionIcon.classes.icon} mantine-ActionIcon-icon`;
const STACK = `${Stack.classes.root} mantine-Stack-root`;

const rem = (value: number) => `calc(${value / 16}rem * var(--mantine-scale))`;
const groupVars = (gap: string, justify: string, wrap: string) =>
  ({
    "--group-gap": gap,
    "--group-align": "center",
    "--group-justify": justify,
    "--group-wrap": wrap,
  }) as React.CSSProperties;
const smallText = { "--text-fz": "var(--mantine-font-size-sm)", "--text-lh": "var(--mantine-line-height-sm)" } as const;

const HEADER_BAR = {
  ...groupVars("var(--mantine-spacing-md)", "space-between", "nowrap"),
  paddingInline: "var(--mantine-spacing-md)",
  height: "100%",
};
const HEADER_SIDE = groupVars("var(--mantine-spacing-sm)", "flex-start", "nowrap");
const LANGUAGE_BOX = {
  ...groupVars("var(--mantine-spacing-xs)", "flex-start", "nowrap"),
  borderRadius: 4,
  paddingInline: rem(4),
  background: "var(--mantine-color-white)",
};
const BURGER_STYLE = { "--burger-color": "var(--mantine-color-white)", "--burger-size": "var(--burger-size-sm)" };
const APP_NAME_STYLE = {
  whiteSpace: "nowrap",
  color: "var(--mantine-color-white)",
  fontSize: "var(--mantine-font-size-lg)",
  fontWeight: 700,
} as const;
const TENANT_STYLE = { ...smallText, color: "var(--mantine-color-white)" };
const INDICATOR_STYLE = {
  "--indicator-color": "var(--mantine-color-yellow-4)",
  "--indicator-text-color": "var(--mantine-color-black)",
  "--indicator-size": rem(18),
  "--indicator-top": rem(4),
  "--indicator-right": rem(4),
  "--indicator-translate-x": "50%",
  "--indicator-translate-y": "-50%",
  fontWeight: 700,
};
const BELL_STYLE = {
  "--ai-size": "var(--ai-size-lg)",
  "--ai-bg": "transparent",
  "--ai-hover": "rgba(0, 0, 0, 0.12)",
  "--ai-color": "white",
  "--ai-bd": `${rem(1)} solid transparent`,
};
const ACCOUNT_STACK = {
  "--stack-gap": rem(4),
  "--stack-align": "stretch",
  "--stack-justify": "flex-start",
  borderTop: "1px solid var(--mantine-color-gray-3)",
  padding: "var(--mantine-spacing-xs)",
};
const USER_NAME_STYLE = { ...smallText, fontWeight: 600 };
const USER_ROLES_STYLE = {
  "--text-fz": "var(--mantine-font-size-xs)",
  "--text-lh": "var(--mantine-line-height-xs)",
  color: "var(--mantine-color-dimmed)",
};
const ACCOUNT_LINKS = groupVars("var(--mantine-spacing-md)", "flex-start", "wrap");
const ACCOUNT_LINK_STYLE = { ...smallText, color: "var(--mantine-color-dark-6)" };
const ACCOUNT_LINK_INNER = groupVars(rem(4), "flex-start", "nowrap");
const SIGN_OUT_STYLE = {
  "--button-height": "var(--button-height-compact-sm)",
  "--button-padding-x": "var(--button-padding-x-compact-sm)",
  "--button-fz": "var(--mantine-font-size-sm)",
  "--button-bg": "transparent",
  "--button-hover": "var(--mantine-color-dark-light-hover)",
  "--button-color": "var(--mantine-color-dark-light-color)",
  "--button-bd": `${rem(1)} solid transparent`,
  paddingInline: "0rem",
};

const inBrowser = typeof document !== "undefined";

function SignedInLayoutPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const { user, tenantName, nav, unread } = loaderData;
  const tr = t as (key: string) => string;
  useFocusOnNavigation(location.pathname);
  return (
    <>
      {/* Toasts belong to the staff's pages; the public pages have none. In the browser only: their
          portal mounts after hydration, so on the server they render nothing, at some cost. */}
      {inBrowser && <Notifications position="top-center" />}
      {/* Mantine's AppShell, as plain elements: header 56 px, menu 240 px folding below `sm`, padding `md`. */}
      <PlainAppShell menuOpened={opened}>
        <a className={SKIP_LINK} data-underline="hover" href="#main">
          {t("nav.skipToContent")}
        </a>
        <PlainAppShellHeader>
          <div style={HEADER_BAR} className={GROUP}>
            <div style={HEADER_SIDE} className={GROUP}>
              <button
                style={BURGER_STYLE as React.CSSProperties}
                className={BURGER}
                data-size="sm"
                type="button"
                color="white"
                onClick={toggle}
                aria-label={t("nav.openMenu")}
              >
                <div className={BURGER_LINES} data-reduce-motion="true" data-opened={opened || undefined} />
              </button>
              <p style={APP_NAME_STYLE} className={TEXT}>
                <span className={`${TEXT} mantine-visible-from-md`} data-inherit="true">
                  {t("app.name")}
                </span>
                <span className={`${TEXT} mantine-hidden-from-md`} data-inherit="true">
                  {t("app.shortName")}
                </span>
              </p>
              {tenantName && (
                <p
                  style={TENANT_STYLE as React.CSSProperties}
                  className={`${TEXT} mantine-visible-from-xs`}
                  data-size="sm"
                >
                  {tenantName}
                </p>
              )}
            </div>
            <div style={HEADER_SIDE} className={GROUP}>
              {unread !== null && (
                <div style={INDICATOR_STYLE as React.CSSProperties} className={INDICATOR}>
                  {unread !== 0 && (
                    <div className={INDICATOR_LABEL} data-with-label="true">
                      <span data-testid="bell-count">{unread > 99 ? "99+" : unread}</span>
                    </div>
                  )}
                  <Link
                    style={BELL_STYLE as React.CSSProperties}
                    className={BELL}
                    data-variant="subtle"
                    data-size="lg"
                    aria-label={unread > 0 ? t("notifications.bellUnread", { count: unread }) : t("notifications.bell")}
                    data-testid="bell"
                    to="/notifications"
                  >
                    <span className={BELL_ICON}>
                      <IconBell size={22} />
                    </span>
                  </Link>
                </div>
              )}
              <div style={LANGUAGE_BOX as React.CSSProperties} className={GROUP}>
                <LanguageSwitch />
              </div>
            </div>
          </div>
        </PlainAppShellHeader>
        <PlainAppShellNavbar label={t("nav.menu")}>
          {/* Groups fold, so the whole menu fits a 768 px high screen; the one holding the page is open. */}
          <StaffNavigation nav={nav} onNavigate={close} />
          <PlainAppShellSection>
            <div style={ACCOUNT_STACK as React.CSSProperties} className={STACK}>
              <p
                style={USER_NAME_STYLE as React.CSSProperties}
                className={TEXT}
                data-size="sm"
                data-testid="current-user"
              >
                {user.displayName}
              </p>
              <p style={USER_ROLES_STYLE as React.CSSProperties} className={TEXT} data-size="xs">
                {user.username} · {user.roles.map((role) => tr(`roles.${role}`)).join("、")}
              </p>
              <div style={ACCOUNT_LINKS as React.CSSProperties} className={GROUP}>
                <Link
                  style={ACCOUNT_LINK_STYLE as React.CSSProperties}
                  className={ANCHOR}
                  data-size="sm"
                  data-underline="hover"
                  to="/account/password"
                  onClick={close}
                >
                  <span style={ACCOUNT_LINK_INNER as React.CSSProperties} className={GROUP}>
                    <IconKey size={16} aria-hidden />
                    {t("nav.account")}
                  </span>
                </Link>
                <Form method="post" action="/sign-out">
                  <button
                    style={SIGN_OUT_STYLE as React.CSSProperties}
                    className={BUTTON}
                    data-variant="subtle"
                    data-size="compact-sm"
                    data-with-left-section="true"
                    type="submit"
                  >
                    <span className={BUTTON_INNER}>
                      <span className={BUTTON_SECTION} data-position="left">
                        <IconLogout size={16} aria-hidden />
                      </span>
                      <span className={BUTTON_LABEL}>{t("nav.signOut")}</span>
                    </span>
                  </button>
                </Form>
              </div>
            </div>
          </PlainAppShellSection>
        </PlainAppShellNavbar>
        <PlainAppShellMain id="main">
          <Outlet />
          <DiscoverFetchedRoutes />
        </PlainAppShellMain>
      </PlainAppShell>
    </>
  );
}

export default function SignedInLayout(props: Route.ComponentProps) {
  return (
    <MantineFrame>
      <SignedInLayoutPage {...props} />
    </MantineFrame>
  );
}
