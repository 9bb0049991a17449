import { invitationPath } from "@rdlink/core/users/issue-invitation";

/** The invitation link as the invitee will open it, on the origin this request came to. */
export function invitationUrl(request: Request, token: string): string {
  return new URL(invitationPath(token), request.url).toString();
}
