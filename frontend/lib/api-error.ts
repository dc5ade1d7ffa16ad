/** Normalise anything thrown into the app's one error type. */
import { ApiError } from "./api-client";

export function asApiError(failure: unknown): ApiError {
  if (failure instanceof ApiError) return failure;
  return new ApiError(0, "unknown", failure instanceof Error ? failure.message : String(failure));
}
