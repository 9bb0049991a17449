/** Where a station's QR code leads: its public intake page (per county and station). */
export function intakeUrl(request: Request, tenantId: string, stationId: string): string {
  return new URL(`/s/${tenantId}/${stationId}`, request.url).toString();
}
