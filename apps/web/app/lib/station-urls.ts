import { publicStationCode } from "@rdlink/core/stations/station-code";

/** Where a station's QR code leads: its public intake page, `/s/<county division code>-<station code>`. */
export function intakeUrl(request: Request, divisionCode: string, stationCode: string): string {
  return new URL(`/s/${publicStationCode(divisionCode, stationCode)}`, request.url).toString();
}
