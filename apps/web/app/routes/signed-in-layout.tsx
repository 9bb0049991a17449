import {
  ActionIcon,
  AppShell,
  Burger,
  Button,
  Group,
  Indicator,
  NavLink as MantineNavLink,
  ScrollArea,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { can } from "@rdlink/auth";
import { countUnreadNotifications } from "@rdlink/core/notifications/count-unread-notifications";
import {
  IconApi,
  IconBell,
  IconBriefcase,
  IconBuildingBank,
  IconBuildingCommunity,
  IconCalendar,
  IconChartBar,
  IconChecklist,
  IconFlag,
  IconForms,
  IconGridDots,
  IconHierarchy2,
  IconHome,
  IconId,
  IconInbox,
  IconKey,
  IconListDetails,
  IconLogout,
  IconMailForward,
  IconMapPin,
  IconNotebook,
  IconPlus,
  IconUsers,
  IconUsersGroup,
} from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Form, Link, NavLink, Outlet, useLocation } from "react-router";
import { LanguageSwitch } from "~/components/language-switch";
import { requireSignedIn } from "~/lib/auth.server";
import { countyRequest } from "~/lib/county-route.server";
import type { Route } from "./+types/signed-in-layout";

type NavItem = { to: string; labelKey: string; icon: keyof typeof icons; end?: boolean };

const icons = {
  tenants: IconBuildingCommunity,
  onboard: IconPlus,
  overview: IconHome,
  townships: IconMapPin,
  users: IconUsers,
  teams: IconUsersGroup,
  audit: IconListDetails,
  calendar: IconCalendar,
  stations: IconBuildingBank,
  deputies: IconId,
  stationTypes: IconForms,
  standards: IconChecklist,
  dutyPosts: IconFlag,
  workflows: IconHierarchy2,
  account: IconKey,
  handlingUnits: IconBriefcase,
  ledger: IconNotebook,
  grids: IconGridDots,
  work: IconInbox,
  dashboard: IconChartBar,
  outbox: IconMailForward,
  apiKeys: IconApi,
};

export async function loader(args: Route.LoaderArgs) {
  const { actor, tenant } = requireSignedIn(args.request, args.context);
  const nav: NavItem[] = [];
  if (can(actor, "platform.tenants.manage")) {
    nav.push({ to: "/platform", labelKey: "nav.tenants", icon: "tenants", end: true });
    nav.push({ to: "/platform/onboard", labelKey: "nav.onboard", icon: "onboard" });
  }
  if (actor.tenantId) {
    // The dashboard comes first for those who read the county's (or their townships') figures.
    if (can(actor, "tenant.stats.read"))
      nav.push({ to: "/county/dashboard", labelKey: "nav.dashboard", icon: "dashboard" });
    nav.push({ to: "/county", labelKey: "nav.overview", icon: "overview", end: true });
    if (can(actor, "tenant.cases.read")) nav.push({ to: "/work", labelKey: "work.title", icon: "work" });
    if (can(actor, "tenant.townships.read"))
      nav.push({ to: "/county/townships", labelKey: "nav.townships", icon: "townships" });
    if (can(actor, "tenant.stations.read"))
      nav.push({ to: "/county/stations", labelKey: "nav.stations", icon: "stations" });
    if (can(actor, "tenant.stations.read")) {
      nav.push({ to: "/county/deputies", labelKey: "nav.deputies", icon: "deputies" });
      nav.push({ to: "/county/duty-posts", labelKey: "nav.dutyPosts", icon: "dutyPosts" });
    }
    if (can(actor, "tenant.stations.read")) nav.push({ to: "/county/grids", labelKey: "grids.title", icon: "grids" });
    if (can(actor, "tenant.activities.read"))
      nav.push({ to: "/county/ledger", labelKey: "ledger.title", icon: "ledger" });
    if (can(actor, "tenant.handlingUnits.read"))
      nav.push({ to: "/county/handling-units", labelKey: "handlingUnits.title", icon: "handlingUnits" });
    if (can(actor, "tenant.stationTypes.manage")) {
      nav.push({ to: "/county/station-types", labelKey: "nav.stationTypes", icon: "stationTypes" });
      nav.push({ to: "/county/standards", labelKey: "nav.standards", icon: "standards" });
    }
    if (can(actor, "tenant.workflows.manage"))
      nav.push({ to: "/county/workflows", labelKey: "nav.workflows", icon: "workflows" });
    if (can(actor, "tenant.users.read")) nav.push({ to: "/county/users", labelKey: "nav.users", icon: "users" });
    if (can(actor, "tenant.teams.manage")) nav.push({ to: "/county/teams", labelKey: "nav.teams", icon: "teams" });
    if (can(actor, "tenant.calendar.manage"))
      nav.push({ to: "/county/calendar", labelKey: "nav.calendar", icon: "calendar" });
    if (can(actor, "tenant.audit.read")) nav.push({ to: "/county/audit", labelKey: "nav.audit", icon: "audit" });
    if (can(actor, "tenant.outbox.manage"))
      nav.push({ to: "/county/outbox", labelKey: "outbox.title", icon: "outbox" });
    if (can(actor, "tenant.apiKeys.manage"))
      nav.push({ to: "/county/api-keys", labelKey: "apiKeys.title", icon: "apiKeys" });
  }
  // The bell: the user's unread notifications, counted on every navigation (one indexed count).
  // Platform staff have no county and no bell.
  const unread = can(actor, "tenant.notifications.read")
    ? await countyRequest(args).inTenant((tx) => countUnreadNotifications(tx, actor.userId))
    : null;
  nav.push({ to: "/account/password", labelKey: "nav.account", icon: "account" });
  return {
    user: {
      displayName: actor.displayName,
      username: actor.username,
      roles: actor.platformRole ? ["platform_operator"] : actor.memberships.map((m) => m.role),
    },
    tenantName: tenant?.name ?? null,
    nav,
    unread,
  };
}

export default function SignedInLayout({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const { user, tenantName, nav, unread } = loaderData;
  const tr = t as (key: string) => string;
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header bg="red.8" withBorder={false}>
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
            <Title order={4} c="white" style={{ whiteSpace: "nowrap" }}>
              <Text span visibleFrom="md" inherit>
                {t("app.name")}
              </Text>
              <Text span hiddenFrom="md" inherit>
                {t("app.shortName")}
              </Text>
            </Title>
            {tenantName && (
              <Text c="red.1" size="sm" visibleFrom="xs">
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
      <AppShell.Navbar p="sm">
        {/* The menu scrolls when it is longer than the screen; the account section stays in view. */}
        <AppShell.Section grow component={ScrollArea}>
          {nav.map((item) => {
            const Icon = icons[item.icon];
            return (
              <MantineNavLink
                key={item.to}
                component={NavLink}
                to={item.to}
                end={item.end}
                label={tr(item.labelKey)}
                leftSection={<Icon size={18} />}
                active={item.end ? location.pathname === item.to : location.pathname.startsWith(item.to)}
                onClick={close}
              />
            );
          })}
        </AppShell.Section>
        <AppShell.Section>
          <Stack gap={4} p="xs" style={{ borderTop: "1px solid var(--mantine-color-gray-3)" }}>
            <Text size="sm" fw={600} data-testid="current-user">
              {user.displayName}
            </Text>
            <Text size="xs" c="dimmed">
              {user.username} · {user.roles.map((role) => tr(`roles.${role}`)).join("、")}
            </Text>
            <Form method="post" action="/sign-out">
              <Button
                type="submit"
                variant="subtle"
                color="gray"
                size="compact-sm"
                leftSection={<IconLogout size={16} />}
                px={0}
              >
                {t("nav.signOut")}
              </Button>
            </Form>
          </Stack>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
