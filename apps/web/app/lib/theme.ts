import { createTheme } from "@mantine/core";

/** Congress red as the primary colour; system fonts that carry Chinese well. */
export const theme = createTheme({
  primaryColor: "red",
  primaryShade: 8,
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", sans-serif',
  defaultRadius: "sm",
});
