import { assignmentMeetings, type TenantTx } from "@rdlink/db";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { NotFoundError } from "../shared/errors";
import { sessionOf } from "./open-suggestion";

/**
 * The session and its meeting, or 404: a meeting of another session (or county), or no id at
 * all, is not found, whatever the address says.
 */
export async function meetingOf(tx: TenantTx, sessionId: string, meetingId: string) {
  const session = await sessionOf(tx, sessionId);
  if (!z.uuid().safeParse(meetingId).success) throw new NotFoundError();
  const [meeting] = await tx
    .select()
    .from(assignmentMeetings)
    .where(
      and(
        eq(assignmentMeetings.tenantId, tx.tenantId),
        eq(assignmentMeetings.sessionId, session.id),
        eq(assignmentMeetings.id, meetingId),
      ),
    );
  if (!meeting) throw new NotFoundError();
  return { session, meeting };
}
