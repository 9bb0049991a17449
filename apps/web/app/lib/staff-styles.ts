/**
 * All of Mantine's styles, for the pages staff use (the console, sign-in, invitations). The
 * station's public form loads none of Mantine (`styles/public.css`); `mantine-base-styles.ts` holds
 * a subset of these, so the shared rules are the same.
 */
import "@mantine/core/styles.css";
import "@mantine/charts/styles.css";
import "@mantine/notifications/styles.css";
