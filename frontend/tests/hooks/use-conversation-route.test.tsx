import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { ChatPage } from "@/components/chat/chat-page";
import { CourseSelect } from "@/components/course-select";
import { json, mockFetch, sse, type Handler } from "../helpers/fake-backend";
import { address } from "../helpers/fake-router";
import { courseRoutes, renderApp, resetStorage } from "../helpers/render";

jest.mock("next/navigation", () => jest.requireActual("../helpers/fake-router"));

const stored = (id: string, collection: string | null, question: string) => ({
  id,
  title: question,
  collection,
  messages: [
    { id: `${id}-u`, role: "user", content: question, citations: [], mode: null, created_at: "" },
    { id: `${id}-a`, role: "assistant", content: `Resposta a ${question}`, citations: [], mode: "extractive", created_at: "" },
  ],
});

function routes(extra: Record<string, Handler> = {}) {
  return mockFetch({
    ...courseRoutes(),
    "GET /api/conversations": () => json({ conversations: [] }),
    "GET /api/conversations/gone": () => json({ error: "Conversa não encontrada.", code: "not_found:conversation" }, 404),
    ...extra,
  });
}

const answer = (conversation: string): Handler => () =>
  sse([`event: done\ndata: ${JSON.stringify({ answer: "Nos cloroplastos.", citations: [], conversation_id: conversation, message_id: "m1", mode: "extractive" })}\n\n`]);

beforeEach(() => {
  resetStorage();
  window.history.replaceState(null, "", "/");
});

describe("the conversation in the address", () => {
  it("says another browser's (or a deleted) conversation is not available, and starts a new one", async () => {
    window.history.replaceState(null, "", "/c/gone?curso=default");
    routes();
    renderApp(<ChatPage />);
    const notice = await screen.findByTestId("conversation-unavailable");
    const heading = screen.getByRole("heading", { name: "Esta conversa não está disponível" });
    expect(heading).toHaveFocus();
    expect(notice).toHaveTextContent("outro navegador");
    expect(screen.queryByTestId("chat-input")).not.toBeInTheDocument();

    await userEvent.setup().click(screen.getByTestId("unavailable-new"));
    expect(address()).toBe("/?curso=default");
    expect(screen.queryByTestId("conversation-unavailable")).not.toBeInTheDocument();
    expect(screen.getByTestId("chat-input")).toBeInTheDocument();
  });

  it("says it in English too", async () => {
    window.localStorage.setItem("chatgepeto.locale", "en");
    window.history.replaceState(null, "", "/c/gone");
    routes();
    renderApp(<ChatPage />);
    expect(await screen.findByRole("heading", { name: "This conversation is not available" })).toBeInTheDocument();
    expect(screen.getByTestId("unavailable-new")).toHaveTextContent("New conversation");
  });

  it("gets the new conversation's address from the first answer; back empties the chat, forward reopens it", async () => {
    const { calls } = routes({ "POST /api/chat": answer("conv-1"), "GET /api/conversations/conv-1": () => json(stored("conv-1", "default", "Onde?")) });
    renderApp(<ChatPage />);
    const user = userEvent.setup();
    await user.type(screen.getByTestId("chat-input"), "Onde?");
    await user.click(screen.getByTestId("chat-send"));
    await waitFor(() => expect(address()).toBe("/c/conv-1?curso=default"));
    expect(calls.some((c) => c.url === "/api/conversations/conv-1")).toBe(false); // no reload of what is shown

    window.history.back();
    expect(await screen.findByTestId("chat-empty")).toBeInTheDocument();
    expect(address()).toBe("/");

    window.history.forward();
    expect(await screen.findByText("Resposta a Onde?")).toBeInTheDocument();
  });

  it("opens a conversation picked in the list at its address, and a new one at the course's", async () => {
    routes({
      "GET /api/conversations": () =>
        json({ conversations: [{ id: "c1", title: "Antiga", collection: "default", created_at: "2026-01-01T10:00:00Z", updated_at: "2026-01-01T10:00:00Z" }] }),
      "GET /api/conversations/c1": () => json(stored("c1", "default", "Antiga")),
    });
    renderApp(<ChatPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByText("Antiga"));
    expect(address()).toBe("/c/c1?curso=default");
    expect(await screen.findByText("Resposta a Antiga")).toBeInTheDocument();
    await user.click(screen.getByTestId("new-conversation"));
    expect(address()).toBe("/?curso=default");
    expect(screen.getByTestId("chat-empty")).toBeInTheDocument();
  });

  it("moves a conversation linked under another course's address to its own course", async () => {
    window.history.replaceState(null, "", "/c/c2?curso=default");
    routes({ "GET /api/conversations/c2": () => json(stored("c2", "bio", "Células?")) });
    renderApp(<ChatPage />);
    await waitFor(() => expect(address()).toBe("/c/c2?curso=bio"));
    expect(await screen.findByText("Resposta a Células?")).toBeInTheDocument();
    expect(window.localStorage.getItem("chatgepeto.course")).toBe("bio");
  });
});

describe("the course in the address", () => {
  it("wins over the remembered course, and a choice on a conversation's page starts a new one there", async () => {
    window.localStorage.setItem("chatgepeto.course", "default");
    window.history.replaceState(null, "", "/c/c1?curso=bio");
    routes({ "GET /api/conversations/c1": () => json(stored("c1", "bio", "Células?")) });
    renderApp(<CourseSelect />);
    const select = screen.getByTestId("course-select");
    await waitFor(() => expect(select).toBeEnabled());
    expect(select).toHaveValue("bio");

    await userEvent.setup().selectOptions(select, "default");
    expect(address()).toBe("/?curso=default");
    expect(select).toHaveValue("default");
  });
});
