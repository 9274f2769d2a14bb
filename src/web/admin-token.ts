import { MIN_ADMIN_TOKEN_LENGTH } from "./auth/web-auth.js";
import { WebError } from "./errors.js";

export const ADMIN_TOKEN_ENV = "SIGHTLINE_ADMIN_TOKEN";

/**
 * The admin token from the environment, or an error naming the variable (never echoing its value). Without
 * it the web admin stays off rather than running open.
 */
export function adminTokenFromEnv(env: Readonly<Record<string, string | undefined>>): string {
  const token = env[ADMIN_TOKEN_ENV]?.trim();
  if (!token) {
    throw new WebError(
      "admin_token_missing",
      500,
      `${ADMIN_TOKEN_ENV} is not set: the web admin needs it to let anyone in`,
    );
  }
  if (token.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new WebError(
      "admin_token_weak",
      500,
      `${ADMIN_TOKEN_ENV} is shorter than ${MIN_ADMIN_TOKEN_LENGTH} characters: use a long random value (e.g. openssl rand -base64 32)`,
    );
  }
  return token;
}
