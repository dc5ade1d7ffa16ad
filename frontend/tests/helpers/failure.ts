/** The ApiError a promise rejects with (fails the test when it resolves or throws something else). */
import { ApiError } from "@/lib/api-client";

export async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}
