import { chatHref, conversationIdFrom, courseFrom, courseHref, isChatPath, isUnavailable, withCourse, writeUrl } from "@/lib/chat-url";

describe("the chat's URL scheme", () => {
  it("reads a conversation's id from its path, and nothing from other paths", () => {
    expect(conversationIdFrom("/c/abc123")).toBe("abc123");
    expect(conversationIdFrom("/c/abc123/")).toBe("abc123");
    expect(conversationIdFrom("/c/a%20b")).toBe("a b");
    expect(conversationIdFrom("/")).toBeNull();
    expect(conversationIdFrom("/c/")).toBeNull();
    expect(conversationIdFrom("/c/a/b")).toBeNull();
    expect(conversationIdFrom("/library")).toBeNull();
    expect(conversationIdFrom("/c/%E0%A4%A")).toBeNull(); // a malformed escape
  });

  it("writes a conversation's address and a new conversation's, with the course", () => {
    expect(chatHref("abc", "bio")).toBe("/c/abc?curso=bio");
    expect(chatHref(null, "bio")).toBe("/?curso=bio");
    expect(chatHref("a/b", null)).toBe("/c/a%2Fb");
    expect(conversationIdFrom(chatHref("a/b ç", null).split("?")[0] ?? "")).toBe("a/b ç");
    expect(chatHref(null, "química geral")).toBe("/?curso=qu%C3%ADmica+geral");
  });

  it("tells the chat's paths from other pages", () => {
    expect(isChatPath("/")).toBe(true);
    expect(isChatPath("/c/abc")).toBe(true);
    expect(isChatPath("/library")).toBe(false);
    expect(isChatPath("/c")).toBe(false);
  });

  it("reads the course from the query, ignoring an empty or missing one", () => {
    expect(courseFrom(new URLSearchParams("curso=bio"))).toBe("bio");
    expect(courseFrom(new URLSearchParams("curso=qu%C3%ADmica+geral"))).toBe("química geral");
    expect(courseFrom(new URLSearchParams("curso="))).toBeNull();
    expect(courseFrom(new URLSearchParams("other=1"))).toBeNull();
    expect(courseFrom(null)).toBeNull();
  });

  it("sets or drops the course in a path's query and keeps other parameters", () => {
    expect(withCourse("/library", "bio")).toBe("/library?curso=bio");
    expect(withCourse("/library", "bio", new URLSearchParams("x=1&curso=old"))).toBe("/library?x=1&curso=bio");
    expect(withCourse("/library", null, new URLSearchParams("curso=old"))).toBe("/library");
  });

  it("changes course on the same page, but a conversation's page starts a new conversation there", () => {
    expect(courseHref("/library", new URLSearchParams("curso=default"), "bio")).toBe("/library?curso=bio");
    expect(courseHref("/", null, "bio")).toBe("/?curso=bio");
    expect(courseHref("/c/abc", new URLSearchParams("curso=default"), "bio")).toBe("/?curso=bio");
  });

  it("pushes or replaces a history entry, and adds none for the address already shown", () => {
    window.history.replaceState(null, "", "/");
    const before = window.history.length;
    writeUrl("/c/abc?curso=bio");
    expect(window.location.pathname + window.location.search).toBe("/c/abc?curso=bio");
    expect(window.history.length).toBe(before + 1);
    writeUrl("/c/abc?curso=bio");
    expect(window.history.length).toBe(before + 1);
    writeUrl("/?curso=bio", "replace");
    expect(window.location.pathname + window.location.search).toBe("/?curso=bio");
    expect(window.history.length).toBe(before + 1);
  });
});

describe("a conversation not available here", () => {
  it("is the backend's 404 for the conversation (deleted, or another browser's)", () => {
    expect(isUnavailable({ status: 404, code: "not_found:conversation" })).toBe(true);
    expect(isUnavailable({ status: 404, code: "not_found" })).toBe(true);
  });

  it("is not any other failure, nor no failure", () => {
    expect(isUnavailable(null)).toBe(false);
    expect(isUnavailable({ status: 0, code: "network" })).toBe(false);
    expect(isUnavailable({ status: 500, code: "server_error" })).toBe(false);
  });
});
