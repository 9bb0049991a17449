import { type CSSVariablesResolver, createTheme, darken, luminance, type MantineColorsTuple } from "@mantine/core";

/**
 * Congress red as the primary colour (shade 9: links, outlines and buttons read at 5.6:1 on the
 * pages' light grey); system fonts that carry Chinese well. Built per language: the inputs'
 * clear buttons and the dialogs' and toasts' close buttons (an icon alone) are named in the
 * user's language.
 */
export function themeFor({ clear, close }: { clear: string; close: string }) {
  const clearButtonProps = { "aria-label": clear };
  const closeButtonProps = { "aria-label": close };
  return createTheme({
    primaryColor: "red",
    primaryShade: 9,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif',
    defaultRadius: "sm",
    components: {
      // Clicking the chosen option again must not empty a select (a required role, a unit, a
      // township would silently vanish from the form). A select that may be emptied says so
      // with `clearable`, which shows its clear button.
      // Plain objects, not Select.extend(): importing the components here would put them in
      // the public pages' first download.
      Select: { defaultProps: { clearButtonProps, allowDeselect: false } },
      MultiSelect: { defaultProps: { clearButtonProps } },
      FileInput: { defaultProps: { clearButtonProps } },
      Modal: { defaultProps: { closeButtonProps } },
      Drawer: { defaultProps: { closeButtonProps } },
      Notification: { defaultProps: { closeButtonProps } },
    },
  });
}

/** WCAG's contrast ratio of two colours. */
const contrast = (a: string, b: string) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

/** The colour, darkened in small steps until text in it reads at AA (4.5:1, with a margin) on `background`. */
function readableOn(color: string, background: string): string {
  for (let amount = 0; amount < 0.6; amount += 0.05) {
    const candidate = darken(color, amount);
    if (contrast(candidate, background) >= 4.7) return candidate;
  }
  return darken(color, 0.6);
}

/**
 * Text colours that pass WCAG AA wherever Mantine draws them: the dimmed grey (gray.6, 3.3:1)
 * becomes gray.7, a placeholder (gray.5) just dark enough; a light variant's text (shade 9 on shade 1: green 3.8:1, yellow worse) and an
 * outline's colour (on the pages' gray.0) are darkened only as far as they must be.
 */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => {
  const colors = Object.entries(resolved.colors as Record<string, MantineColorsTuple>);
  const page = resolved.colors.gray[0];
  return {
    variables: {},
    light: {
      "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
      "--mantine-color-placeholder": readableOn(resolved.colors.gray[6], resolved.white),
      ...Object.fromEntries(
        colors.flatMap(([name, shades]) => [
          [`--mantine-color-${name}-light-color`, readableOn(shades[9], shades[1])],
          [`--mantine-color-${name}-outline`, readableOn(shades[9], page)],
        ]),
      ),
    },
    dark: {},
  };
};
