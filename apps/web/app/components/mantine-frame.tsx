import "~/lib/mantine-base-styles";
import {
  convertCssVariables,
  DEFAULT_THEME,
  defaultCssVariablesResolver,
  MantineProvider,
  type MantineTheme,
  useMantineStyleNonce,
  useMantineTheme,
} from "@mantine/core";
import { cssVariablesResolver, themeFor } from "~/lib/theme";
import { useTranslation } from "~/lib/use-translation";

type Theme = ReturnType<typeof themeFor>;

/** The theme for each pair of labels (one per language), made once per process, not per page. */
const themes = new Map<string, Theme>();

function themeWith(clear: string, close: string): Theme {
  const key = `${clear}\u0000${close}`;
  let theme = themes.get(key);
  if (!theme) {
    theme = themeFor({ clear, close });
    themes.set(key, theme);
  }
  return theme;
}

/**
 * Mantine's CSS variables of a theme (about 9 KB of CSS), worked out once per theme: MantineProvider
 * would convert the whole theme again on every page. The same `<style>` it renders, with the same
 * steps: its variables and ours merged, those equal to Mantine's defaults left out (its stylesheet has them).
 */
const cssOfTheme = new WeakMap<Theme, string>();
const defaultVariables = defaultCssVariablesResolver(DEFAULT_THEME);

function variablesCss(theme: MantineTheme): string {
  const base = defaultCssVariablesResolver(theme);
  const ours = cssVariablesResolver(theme);
  const merged = {
    variables: { ...base.variables, ...ours.variables },
    light: { ...base.light, ...ours.light },
    dark: { ...base.dark, ...ours.dark },
  };
  const changed = (part: "variables" | "light" | "dark") => {
    const defaults: Record<string, string> = defaultVariables[part];
    return Object.fromEntries(Object.entries(merged[part]).filter(([key, value]) => defaults[key] !== value));
  };
  // No selector: Mantine's own, `:root, :host`.
  return convertCssVariables({ variables: changed("variables"), light: changed("light"), dark: changed("dark") });
}

function ThemeVariables({ theme }: { theme: Theme }) {
  const merged = useMantineTheme();
  const nonce = useMantineStyleNonce();
  let css = cssOfTheme.get(theme);
  if (css === undefined) {
    css = variablesCss(merged);
    cssOfTheme.set(theme, css);
  }
  return css ? <style data-mantine-styles nonce={nonce?.()} dangerouslySetInnerHTML={{ __html: css }} /> : null;
}

/**
 * Mantine's provider and theme, for the pages built on Mantine: the staff's pages and tracking.
 * Not in the root: the station's public form is built without Mantine, and a citizen's phone
 * should not download it (docs/decisions/0020-public-pages-without-mantine.md).
 */
export function MantineFrame({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  const theme = themeWith(t("common.clear"), t("common.close"));
  return (
    <MantineProvider
      theme={theme}
      forceColorScheme="light"
      cssVariablesResolver={cssVariablesResolver}
      withCssVariables={false}
    >
      <ThemeVariables theme={theme} />
      {children}
    </MantineProvider>
  );
}
