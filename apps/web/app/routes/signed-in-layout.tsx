import "~/lib/staff-styles";
import { ActionIcon, Anchor, AppShell, Burger, Button, Group, Indicator, Stack, Text } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { Notifications } from "@mantine/notifications";
import { can } from "@rdlink/auth";
import { countUnreadNotifications } from "@rdlink/core/notifications/count-unread-notifications";
import { IconBell, IconKey, IconLogout } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Form, Link, Outlet, useLocation } from "react-router";
import { DiscoverFetchedRoutes } from "~/components/discover-routes";
import { LanguageSwitch } from "~/components/language-switch";
import { MantineFrame } from "~/components/mantine-frame";
import { StaffNavigation } from "~/components/staff-navigation";
import { requireSignedIn } from "~/lib/auth.server";
import { countyRequest } from "~/lib/county-route.server";
import { useFocusOnNavigation } from "~/lib/focus-on-navigation";
import { navigationOf } from "~/lib/navigation";
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

function SignedInLayoutPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const { user, tenantName, nav, unread } = loaderData;
  const tr = t as (key: string) => string;
  useFocusOnNavigation(location.pathname);
  return (
    <>
      {/* Toasts belong to the staff's pages; the public pages have none. */}
      <Notifications position="top-center" />
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }}
        padding="md"
      >
        <Anchor href="#main" className={classes.skipLink}>
          {t("nav.skipToContent")}
        </Anchor>
        <AppShell.Header bg="red.9" withBorder={false}>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap">
              <Burger
                opened={opened}
                onClick={toggle}
                hiddenFrom="sm"
                size="sm"
                color="white"
                aria-label={t("nav.openMenu")}
              />
              <Text c="white" fw={700} fz="lg" style={{ whiteSpace: "nowrap" }}>
                <Text span visibleFrom="md" inherit>
                  {t("app.name")}
                </Text>
                <Text span hiddenFrom="md" inherit>
                  {t("app.shortName")}
                </Text>
              </Text>
              {tenantName && (
                <Text c="white" size="sm" visibleFrom="xs">
                  {tenantName}
                </Text>
              )}
            </Group>
            <Group gap="sm" wrap="nowrap">
              {unread !== null && (
                <Indicator
                  label={<span data-testid="bell-count">{unread > 99 ? "99+" : unread}</span>}
                  size={18}
                  color="yellow.4"
                  autoContrast
                  fw={700}
                  offset={4}
                  disabled={unread === 0}
                >
                  <ActionIcon
                    component={Link}
                    to="/notifications"
                    variant="subtle"
                    color="white"
                    size="lg"
                    aria-label={unread > 0 ? t("notifications.bellUnread", { count: unread }) : t("notifications.bell")}
                    data-testid="bell"
                  >
                    <IconBell size={22} />
                  </ActionIcon>
                </Indicator>
              )}
              <Group gap="xs" wrap="nowrap" bg="white" px={4} style={{ borderRadius: 4 }}>
                <LanguageSwitch />
              </Group>
            </Group>
          </Group>
        </AppShell.Header>
        <AppShell.Navbar p="sm" aria-label={t("nav.menu")}>
          {/* Groups fold, so the whole menu fits a 768 px high screen; the one holding the page is open. */}
          <StaffNavigation nav={nav} onNavigate={close} />
          <AppShell.Section>
            <Stack gap={4} p="xs" style={{ borderTop: "1px solid var(--mantine-color-gray-3)" }}>
              <Text size="sm" fw={600} data-testid="current-user">
                {user.displayName}
              </Text>
              <Text size="xs" c="dimmed">
                {user.username} · {user.roles.map((role) => tr(`roles.${role}`)).join("、")}
              </Text>
              <Group gap="md">
                <Anchor component={Link} to="/account/password" size="sm" c="dark.6" onClick={close}>
                  <Group gap={4} wrap="nowrap" component="span">
                    <IconKey size={16} aria-hidden />
                    {t("nav.account")}
                  </Group>
                </Anchor>
                <Form method="post" action="/sign-out">
                  <Button
                    type="submit"
                    variant="subtle"
                    color="dark"
                    size="compact-sm"
                    leftSection={<IconLogout size={16} aria-hidden />}
                    px={0}
                  >
                    {t("nav.signOut")}
                  </Button>
                </Form>
              </Group>
            </Stack>
          </AppShell.Section>
        </AppShell.Navbar>
        <AppShell.Main bg="gray.0" id="main" tabIndex={-1} style={{ outline: "none" }}>
          <Outlet />
          <DiscoverFetchedRoutes />
        </AppShell.Main>
      </AppShell>
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
