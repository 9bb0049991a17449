import { countySecretsKey } from "@rdlink/env";

/** The key the counties' SMS SecretId and SecretKey are sealed with (COUNTY_SECRETS_KEY). */
export function smsSecretsKey(): Buffer {
  return countySecretsKey();
}
