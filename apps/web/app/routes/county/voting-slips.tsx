import { getVotingMeeting } from "@rdlink/core/voting/get-voting-meeting";
import { DocumentTitle } from "~/components/document-title";
import { countyLoader } from "~/lib/county-route.server";
import { useTranslation } from "~/lib/use-translation";
import type { Route } from "./+types/voting-slips";

export function loader(args: Route.LoaderArgs) {
  return countyLoader(
    args,
    async (tx, ctx) => {
      const page = await getVotingMeeting(tx, ctx, args.params.meetingId, { withCodes: true });
      return {
        name: page.meeting.name,
        origin: new URL(args.request.url).origin,
        slips: page.representatives.flatMap((r) => (r.code ? [{ id: r.id, name: r.name, code: r.code }] : [])),
      };
    },
    "tenant.voting.manage",
  );
}

/** 选票码: one slip per present representative, cut apart and handed out at the meeting. */
export default function VotingSlips({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const title = `${loaderData.name} · ${t("voting.slipsTitle")}`;
  return (
    <main style={{ padding: 24, fontFamily: "sans-serif" }}>
      <DocumentTitle title={title} />
      <h1 style={{ fontSize: 20 }}>{title}</h1>
      <p>{t("voting.slipsHint")}</p>
      <ul
        style={{
          listStyle: "none",
          padding: 0,
          display: "grid",
          gridTemplateColumns: "repeat(auto-fill, minmax(240px, 1fr))",
          gap: 8,
        }}
      >
        {loaderData.slips.map((s) => (
          <li key={s.id} data-testid="slip" data-code={s.code} style={{ border: "1px dashed #555", padding: 12 }}>
            <strong>{s.name}</strong>
            <div style={{ fontFamily: "monospace", fontSize: 16 }}>{s.code}</div>
            <div style={{ fontSize: 12 }}>
              {loaderData.origin}/v/{s.code}
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}
