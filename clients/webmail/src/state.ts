/** The webmail's state, as signals: the components read them and re-render on change. */
import { computed, signal } from "@preact/signals";
import type { MailboxOut, MessageDetail, MessageItem } from "@mailwright/client";

import type { Session } from "./session.js";

/** Which pane a narrow screen shows (a wide one shows all three). */
export type Pane = "mailboxes" | "list" | "reader";

export const session = signal<Session | null>(null);
/** False until the page has asked whether a session cookie is still valid. */
export const ready = signal(false);
export const mailboxes = signal<MailboxOut[]>([]);
export const selectedMailbox = signal<number | null>(null);
export const messages = signal<MessageItem[]>([]);
export const nextCursor = signal<string | null>(null);
export const selectedMessage = signal<number | null>(null);
export const reading = signal<MessageDetail | null>(null);
export const pane = signal<Pane>("list");
export const error = signal<string>("");

export const currentMailbox = computed(() => mailboxes.value.find((m) => m.id === selectedMailbox.value) ?? null);
