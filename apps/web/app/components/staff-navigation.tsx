import { Collapse, NavLink as MantineNavLink, ScrollArea, Text, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconApi,
  IconAward,
  IconBriefcase,
  IconBuildingBank,
  IconBuildingCommunity,
  IconCalendar,
  IconChartBar,
  IconCheckbox,
  IconChecklist,
  IconChevronDown,
  IconFileCertificate,
  IconFileText,
  IconFlag,
  IconForms,
  IconGavel,
  IconGridDots,
  IconHierarchy2,
  IconHistory,
  IconHome,
  IconHomeHeart,
  IconId,
  IconInbox,
  IconKey,
  IconLayoutDashboard,
  IconListDetails,
  IconLock,
  IconMailForward,
  IconMapPin,
  IconMessage,
  IconNotebook,
  IconPlus,
  IconTemplate,
  IconUsers,
  IconUsersGroup,
} from "@tabler/icons-react";
import { NavLink, useLocation } from "react-router";
import type { NavGroup, NavIcon, NavItem } from "~/lib/navigation";
import { useTranslation } from "~/lib/use-translation";
import { appShellSectionClass } from "./plain-app-shell";
import classes from "./staff-navigation.module.css";

const icons: Record<NavIcon, typeof IconHome> = {
  tenants: IconBuildingCommunity,
  onboard: IconPlus,
  templates: IconTemplate,
  desk: IconLayoutDashboard,
  overview: IconHome,
  townships: IconMapPin,
  users: IconUsers,
  teams: IconUsersGroup,
  audit: IconListDetails,
  calendar: IconCalendar,
  stations: IconBuildingBank,
  deputies: IconId,
  deputyRecords: IconFileCertificate,
  pairs: IconHomeHeart,
  deputyScoring: IconAward,
  stationTypes: IconForms,
  standards: IconChecklist,
  stationReviews: IconAward,
  dutyPosts: IconFlag,
  workflows: IconHierarchy2,
  account: IconKey,
  handlingUnits: IconBriefcase,
  sessions: IconFileText,
  revisits: IconHistory,
  consultations: IconGavel,
  voting: IconCheckbox,
  ledger: IconNotebook,
  grids: IconGridDots,
  work: IconInbox,
  dashboard: IconChartBar,
  outbox: IconMailForward,
  sms: IconMessage,
  apiKeys: IconApi,
  privacy: IconLock,
};

/** The staff menu: the work entries on top, then the groups the user's roles have, each folding. */
export function StaffNavigation({ nav, onNavigate }: { nav: NavGroup[]; onNavigate: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const tr = t as (key: string) => string;
  const close = onNavigate;
  const isActive = (item: NavItem) =>
    item.end ? location.pathname === item.to : location.pathname.startsWith(item.to);
  return (
    <ScrollingSection>
      {nav.map((group) =>
        group.key === "work" ? (
          group.items.map((item) => (
            <NavEntry key={item.to} item={item} active={isActive(item)} onClick={close} label={tr(item.labelKey)} />
          ))
        ) : (
          <NavGroupEntries
            key={group.key}
            id={`nav-group-${group.key}`}
            label={tr(`nav.groups.${group.key}`)}
            defaultOpened={group.items.some(isActive)}
          >
            {group.items.map((item) => (
              <NavEntry key={item.to} item={item} active={isActive(item)} onClick={close} label={tr(item.labelKey)} />
            ))}
          </NavGroupEntries>
        ),
      )}
    </ScrollingSection>
  );
}

const inBrowser = typeof document !== "undefined";

/*
 * The menu's part of the navbar, taking the height left and scrolling with Mantine's ScrollArea.
 * On the server the ScrollArea's markup before it is mounted is written by hand (the same
 * elements and classes; its scrollbars appear only in the browser), which spares resolving its
 * styles on every page; in the browser it is Mantine's, which measures and scrolls. The tree
 * under it differs, so React's ids there would too: the menu's groups take ids of their own.
 */
const SCROLL_ROOT = `${appShellSectionClass} ${ScrollArea.classes.root} mantine-ScrollArea-root`;
const SCROLL_ROOT_STYLE = { "--sa-corner-width": "0px", "--sa-corner-height": "0px" } as React.CSSProperties;
const SCROLL_VIEWPORT = `${ScrollArea.classes.viewport} mantine-ScrollArea-viewport`;
const SCROLL_VIEWPORT_STYLE = { overflowX: "hidden", overflowY: "hidden" } as const;
const SCROLL_CONTENT = `${ScrollArea.classes.content} mantine-ScrollArea-content`;

function ScrollingSection({ children }: { children: React.ReactNode }) {
  if (inBrowser) {
    return (
      <ScrollArea className={appShellSectionClass} data-grow="true">
        {children}
      </ScrollArea>
    );
  }
  return (
    <div style={SCROLL_ROOT_STYLE} className={SCROLL_ROOT} data-grow="true">
      <div
        style={SCROLL_VIEWPORT_STYLE}
        className={SCROLL_VIEWPORT}
        data-scrollbars="xy"
        data-scrollarea-viewport="true"
      >
        <div className={SCROLL_CONTENT}>{children}</div>
      </div>
    </div>
  );
}

/**
 * A folding group of the menu: a real button that says whether it is open, and its entries
 * (kept in the page while folded, so a link is found by its name either way).
 */
function NavGroupEntries({
  id,
  label,
  defaultOpened,
  children,
}: {
  /** Named after the group, not by React's useId: the server writes the menu's ScrollArea by hand. */
  id: string;
  label: string;
  defaultOpened: boolean;
  children: React.ReactNode;
}) {
  const [opened, { toggle }] = useDisclosure(defaultOpened);
  return (
    <div data-nav-group>
      <button className={GROUP_BUTTON} type="button" aria-expanded={opened} aria-controls={id} onClick={toggle}>
        <span style={GROUP_LABEL} className={GROUP_LABEL_CLASS} data-size="sm">
          {label}
        </span>
        <IconChevronDown size={16} aria-hidden className={classes.chevron} data-opened={opened || undefined} />
      </button>
      <Collapse expanded={opened} keepMountedMode="display-none" id={id}>
        <div style={GROUP_ENTRIES}>{children}</div>
      </Collapse>
    </div>
  );
}

/* A group's heading as a plain button and text with Mantine's classes (UnstyledButton, Text): the same markup. */
const GROUP_BUTTON = `mantine-focus-auto ${classes.groupButton} ${UnstyledButton.classes.root} mantine-UnstyledButton-root`;
const GROUP_LABEL_CLASS = `mantine-focus-auto ${Text.classes.root} mantine-Text-root`;
const GROUP_LABEL = {
  "--text-fz": "var(--mantine-font-size-sm)",
  "--text-lh": "var(--mantine-line-height-sm)",
  fontWeight: 600,
} as React.CSSProperties;
const GROUP_ENTRIES = { paddingLeft: "var(--mantine-spacing-sm)" };

/*
 * An entry is a plain link carrying the classes Mantine's NavLink would give it (the same markup, so
 * it looks the same): the menu is on every staff page, and resolving a NavLink's styles for each of
 * its entries cost more than a page's own content.
 */
const ENTRY = `mantine-focus-auto ${MantineNavLink.classes.root} mantine-NavLink-root ${UnstyledButton.classes.root} mantine-UnstyledButton-root`;
const ENTRY_SECTION = `${MantineNavLink.classes.section} mantine-NavLink-section`;
const ENTRY_BODY = `${MantineNavLink.classes.body} mantine-NavLink-body`;
const ENTRY_LABEL = `${MantineNavLink.classes.label} mantine-NavLink-label`;
const ENTRY_DESCRIPTION = `${MantineNavLink.classes.description} mantine-NavLink-description`;

function NavEntry({
  item,
  active,
  label,
  onClick,
}: {
  item: NavItem;
  active: boolean;
  label: string;
  onClick: () => void;
}) {
  const Icon = icons[item.icon];
  return (
    <NavLink
      to={item.to}
      end={item.end}
      data-label={label}
      data-active={active || undefined}
      className={ENTRY}
      onClick={onClick}
    >
      <span className={ENTRY_SECTION} data-position="left">
        <Icon size={18} aria-hidden />
      </span>
      <div className={ENTRY_BODY}>
        <span className={ENTRY_LABEL}>{label}</span>
        <span className={ENTRY_DESCRIPTION} data-active={active || undefined} />
      </div>
    </NavLink>
  );
}
