import { act, renderHook, waitFor } from "@testing-library/react";
import { useStudyJob } from "@/hooks/use-study-job";
import { json, mockFetch } from "../helpers/fake-backend";
import { job } from "../helpers/study-fixtures";

const GENERATE = "POST /api/collections/default/study/generate";
const POLL = "GET /api/study/jobs/j1";

/** Answer the job's polls with these states, one per look, the last one repeated. */
function polls(...states: Parameters<typeof job>[0][]) {
  let look = 0;
  return () => json(job(states[Math.min(look++, states.length - 1)]));
}

describe("useStudyJob", () => {
  it("starts a job (202), follows its progress until done, then reports it once", async () => {
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const answer = polls({ status: "running", progress: { done: 1, total: 4 } }, { status: "done", progress: { done: 4, total: 4 }, created: 6, generated: 7, mode: "offline" });
    let looks = 0;
    const { calls } = mockFetch({
      [GENERATE]: () => json(job(), 202),
      // The second look waits until the test has seen the running state.
      [POLL]: async () => {
        if (looks++ === 1) await held;
        return answer();
      },
    });
    const finished = jest.fn();
    const { result } = renderHook(() => useStudyJob("default", finished, 5));
    let started: Promise<void> = Promise.resolve();
    act(() => {
      started = result.current.start({ document_id: "d1", first_page: 2 });
    });
    await waitFor(() => expect(result.current.job?.status).toBe("running"));
    expect(result.current.running).toBe(true);
    expect(result.current.job?.progress).toEqual({ done: 1, total: 4 });
    expect(finished).not.toHaveBeenCalled();
    release();
    await act(() => started);
    expect(result.current.job).toMatchObject({ status: "done", created: 6, generated: 7 });
    expect(result.current.running).toBe(false);
    expect(finished).toHaveBeenCalledTimes(1);
    expect(finished.mock.calls[0][0]).toMatchObject({ status: "done" });
    expect(calls[0]).toMatchObject({ method: "POST", body: { document_id: "d1", first_page: 2 } });
    expect(calls.filter((c) => c.url === "/api/study/jobs/j1")).toHaveLength(2);
  });

  it("stops at a failed job and keeps its error for the form", async () => {
    mockFetch({ [GENERATE]: () => json(job(), 202), [POLL]: polls({ status: "failed", error: "upstream:llm_error" }) });
    const finished = jest.fn();
    const { result } = renderHook(() => useStudyJob("default", finished, 5));
    await act(() => result.current.start({}));
    expect(result.current.job).toMatchObject({ status: "failed", error: "upstream:llm_error" });
    expect(result.current.error).toBeNull();
    expect(result.current.running).toBe(false);
    expect(finished).toHaveBeenCalledTimes(1);
  });

  it("stops following when the job is unknown (404 not_found:study_job)", async () => {
    mockFetch({
      [GENERATE]: () => json(job({ status: "running" }), 202),
      [POLL]: () => json({ error: "Geração desconhecida.", code: "not_found:study_job" }, 404),
    });
    const finished = jest.fn();
    const { result } = renderHook(() => useStudyJob("default", finished, 5));
    await act(() => result.current.start({}));
    expect(result.current.error?.code).toBe("not_found:study_job");
    expect(result.current.running).toBe(false);
    expect(finished).not.toHaveBeenCalled();
  });

  it("reports a refused start (409 conflict:not_ready) and polls nothing", async () => {
    const { calls } = mockFetch({ [GENERATE]: () => json({ error: "Ainda indexando.", code: "conflict:not_ready" }, 409) });
    const { result } = renderHook(() => useStudyJob("default", jest.fn(), 5));
    await act(() => result.current.start({}));
    expect(result.current.error?.code).toBe("conflict:not_ready");
    expect(result.current.job).toBeNull();
    expect(calls).toHaveLength(1);
  });

  it("stops polling once unmounted", async () => {
    const { calls } = mockFetch({ [GENERATE]: () => json(job(), 202), [POLL]: polls({ status: "running" }) });
    const { result, unmount } = renderHook(() => useStudyJob("default", jest.fn(), 5));
    act(() => void result.current.start({}));
    await waitFor(() => expect(calls.length).toBeGreaterThanOrEqual(2));
    unmount();
    const seen = calls.length;
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(calls.length).toBeLessThanOrEqual(seen + 1);
  });
});
