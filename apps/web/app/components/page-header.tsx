import { Group, Stack, Text, Title } from "@mantine/core";
import { DocumentTitle } from "./document-title";

/*
 * Plain elements with the classes and CSS variables Mantine's Group, Stack, Title and Text would give
 * them (the same markup, so it looks the same): every signed-in page has this header (issue 21).
 */
const rem4 = "calc(0.25rem * var(--mantine-scale))";
const ROW = {
  "--group-gap": "var(--mantine-spacing-sm)",
  "--group-align": "flex-start",
  "--group-justify": "space-between",
  "--group-wrap": "wrap",
  marginBottom: "var(--mantine-spacing-lg)",
} as React.CSSProperties;
const COLUMN = {
  "--stack-gap": rem4,
  "--stack-align": "stretch",
  "--stack-justify": "flex-start",
  flex: 1,
  minWidth: 240,
} as React.CSSProperties;
const HEADING = {
  "--title-fw": "var(--mantine-h2-font-weight)",
  "--title-lh": "var(--mantine-h2-line-height)",
  "--title-fz": "var(--mantine-h2-font-size)",
} as React.CSSProperties;
const INTRO = {
  "--text-fz": "var(--mantine-font-size-sm)",
  "--text-lh": "var(--mantine-line-height-sm)",
  color: "var(--mantine-color-dimmed)",
} as React.CSSProperties;
const GROUP = `${Group.classes.root} mantine-Group-root`;
const STACK = `${Stack.classes.root} mantine-Stack-root`;
const TITLE = `${Title.classes.root} mantine-Title-root`;
const TEXT = `mantine-focus-auto ${Text.classes.root} mantine-Text-root`;

/** A signed-in page's heading (its one h1, which also names the browser tab), intro and actions. */
export function PageHeader({ title, intro, actions }: { title: string; intro?: string; actions?: React.ReactNode }) {
  return (
    <div style={ROW} className={GROUP}>
      <DocumentTitle title={title} />
      <div style={COLUMN} className={STACK}>
        <h1 style={HEADING} className={TITLE} data-size="h2" data-order="1">
          {title}
        </h1>
        {intro && (
          <p style={INTRO} className={TEXT} data-size="sm">
            {intro}
          </p>
        )}
      </div>
      {actions}
    </div>
  );
}
