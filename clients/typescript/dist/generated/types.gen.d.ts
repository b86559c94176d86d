export type ClientOptions = {
    baseUrl: `${string}://${string}` | (string & {});
};
export type Webhooks = OutgoingWebhookWebhookRequest | IncomingWebhookWebhookRequest | TestWebhookWebhookRequest;
/**
 * APIKeyList
 */
export type ApiKeyList = {
    /**
     * The account's keys, revoked ones included.
     */
    items: Array<ApiKeyOut>;
};
/**
 * APIKeyOut
 */
export type ApiKeyOut = {
    /**
     * The key id, for revoking it.
     */
    id: number;
    /**
     * Your name for the key.
     */
    name: string;
    /**
     * The public part of the key, `mw_<prefix>_...`.
     */
    prefix: string;
    /**
     * send, read, manage (admin: given by an operator).
     */
    scopes: Array<string>;
    /**
     * When it was created (RFC 3339).
     */
    created: string;
    /**
     * When it was revoked (RFC 3339), or null.
     */
    revoked: string | null;
};
/**
 * AddSuppression
 */
export type AddSuppression = {
    address: string;
    /**
     * Why; kept for you.
     */
    reason?: string;
};
/**
 * AttachmentIn
 */
export type AttachmentIn = {
    /**
     * File name shown to the recipient.
     */
    name: string;
    /**
     * The content, base64-encoded (standard alphabet).
     */
    data: string;
    /**
     * MIME type of the content.
     */
    content_type?: string;
    /**
     * Content-ID, for inline parts referenced as `cid:` from the HTML.
     */
    content_id?: string;
};
/**
 * AttachmentOut
 */
export type AttachmentOut = {
    /**
     * Section number for /v1/messages/{id}/parts/{path}.
     */
    path: string;
    /**
     * Media type.
     */
    content_type: string;
    /**
     * File name, if it has one.
     */
    filename: string;
    /**
     * Encoded size in bytes.
     */
    size: number;
    /**
     * Referenced from the HTML by Content-ID (an inline image).
     */
    inline: boolean;
    /**
     * Content-ID without <>.
     */
    content_id: string;
};
/**
 * AttemptOut
 */
export type AttemptOut = {
    /**
     * When the attempt ended.
     */
    time: string;
    /**
     * The server tried.
     */
    host: string;
    /**
     * Its address.
     */
    ip: string;
    /**
     * TLS version and cipher, empty without TLS.
     */
    tls: string;
    /**
     * SMTP reply code; null when none came.
     */
    smtp_code: number | null;
    /**
     * Enhanced status code.
     */
    enhanced_code: string;
    /**
     * The reply text, or what went wrong.
     */
    text: string;
    /**
     * How long the attempt took.
     */
    duration_ms: number;
};
/**
 * BatchItem
 */
export type BatchItem = {
    /**
     * 202 if accepted, else the error status.
     */
    status: number;
    /**
     * The Message-ID, when accepted.
     */
    message_id?: string;
    /**
     * One per recipient, when accepted.
     */
    submissions?: Array<SubmissionOut>;
    /**
     * The problem detail, when refused.
     */
    error?: {
        [key: string]: unknown;
    } | null;
};
/**
 * BatchRequest
 */
export type BatchRequest = {
    /**
     * The messages, each as for /v1/send.
     */
    messages: Array<SendRequest>;
};
/**
 * BatchResponse
 */
export type BatchResponse = {
    /**
     * One per message, in the order given.
     */
    results: Array<BatchItem>;
};
/**
 * BulkDelete
 */
export type BulkDelete = {
    /**
     * Message ids.
     */
    ids: Array<number>;
    /**
     * Remove for good instead of moving to Trash.
     */
    permanent?: boolean;
};
/**
 * BulkUpdate
 */
export type BulkUpdate = {
    /**
     * Flags to set.
     */
    add_flags?: Array<'seen' | 'answered' | 'flagged' | 'deleted' | 'draft'>;
    /**
     * Flags to clear.
     */
    remove_flags?: Array<'seen' | 'answered' | 'flagged' | 'deleted' | 'draft'>;
    /**
     * Keywords to set.
     */
    add_keywords?: Array<string>;
    /**
     * Keywords to clear.
     */
    remove_keywords?: Array<string>;
    /**
     * Move to this mailbox.
     */
    mailbox_id?: number | null;
    /**
     * Message ids.
     */
    ids: Array<number>;
};
/**
 * CreateAPIKey
 */
export type CreateApiKey = {
    /**
     * What the key is for.
     */
    name: string;
    /**
     * send: the send calls; read: mail and history; manage: settings, keys, suppressions, hold rules; admin: hold rules across accounts (only an admin key can give it).
     */
    scopes?: Array<'send' | 'read' | 'manage' | 'admin'>;
};
/**
 * CreateHoldRule
 */
export type CreateHoldRule = {
    /**
     * Only mail from this domain.
     */
    sender_domain?: string;
    /**
     * Only mail to this domain.
     */
    recipient_domain?: string;
    /**
     * Hold every account's mail, not only yours (needs the admin scope).
     */
    all_accounts?: boolean;
};
/**
 * CreatedAPIKey
 */
export type CreatedApiKey = {
    key: ApiKeyOut;
    /**
     * Use as `Authorization: Bearer <token>`.
     */
    token: string;
};
/**
 * DeleteResult
 */
export type DeleteResult = {
    /**
     * Ids now in Trash.
     */
    moved_to_trash: Array<number>;
    /**
     * Ids removed for good (they were in Trash, or permanent).
     */
    deleted: Array<number>;
};
/**
 * DraftOut
 */
export type DraftOut = {
    /**
     * The draft's message id (a saved-again draft gets a new one).
     */
    id: number;
    /**
     * The Drafts mailbox.
     */
    mailbox_id: number;
    /**
     * Its Message-ID header.
     */
    message_id: string;
};
/**
 * DraftRequest
 */
export type DraftRequest = {
    /**
     * Sender; defaults to the account's address; must be the account's.
     */
    from?: EmailAddress | null;
    /**
     * To: recipients.
     */
    to?: Array<EmailAddress>;
    /**
     * Cc: recipients.
     */
    cc?: Array<EmailAddress>;
    /**
     * Bcc: recipients (kept in the draft).
     */
    bcc?: Array<EmailAddress>;
    /**
     * Reply-To: addresses.
     */
    reply_to?: Array<EmailAddress>;
    /**
     * Subject line.
     */
    subject?: string;
    /**
     * Plain-text body.
     */
    text?: string | null;
    /**
     * HTML body.
     */
    html?: string | null;
    /**
     * Attachments.
     */
    attachments?: Array<AttachmentIn>;
    /**
     * Inline parts for the HTML.
     */
    inline?: Array<AttachmentIn>;
    /**
     * Message-IDs this draft refers to.
     */
    references?: Array<string>;
    /**
     * Message-ID this draft replies to.
     */
    in_reply_to?: string;
};
/**
 * EmailAddress
 */
export type EmailAddress = {
    /**
     * An email address, `local@domain`.
     */
    address: string;
    /**
     * Display name.
     */
    name?: string;
};
/**
 * Health
 */
export type Health = {
    /**
     * ok when everything below is; the HTTP status is 200 then, else 503.
     */
    status: 'ok' | 'unavailable';
    /**
     * ok when the database can be read.
     */
    database: 'ok' | 'unavailable';
    /**
     * done once the store is open after a start (or a crash) and the queues have taken up the work left from before; running until then.
     */
    recovery: 'running' | 'done';
    /**
     * Every configured listener.
     */
    listeners: Array<ListenerHealth>;
};
/**
 * HoldRuleList
 */
export type HoldRuleList = {
    /**
     * The rules that apply to the account.
     */
    items: Array<HoldRuleOut>;
};
/**
 * HoldRuleOut
 */
export type HoldRuleOut = {
    /**
     * The rule's id.
     */
    id: number;
    /**
     * Whether it holds every account's mail.
     */
    all_accounts: boolean;
    /**
     * Empty: any sender domain.
     */
    sender_domain: string;
    /**
     * Empty: any recipient domain.
     */
    recipient_domain: string;
    /**
     * When it was added.
     */
    created: string;
};
/**
 * LastResult
 */
export type LastResult = {
    /**
     * SMTP reply code; null when no server answered.
     */
    smtp_code: number | null;
    /**
     * Enhanced status code (RFC 3463).
     */
    enhanced_code: string;
    /**
     * The reply, or what went wrong.
     */
    text: string;
};
/**
 * ListenerHealth
 */
export type ListenerHealth = {
    /**
     * smtp, submission, submissions, imap, imaps or http.
     */
    kind: string;
    /**
     * The address it listens on.
     */
    address: string;
    /**
     * The port (0 until it is bound, if configured as 0).
     */
    port: number;
    /**
     * Whether it accepts connections now.
     */
    accepting: boolean;
};
/**
 * Liveness
 */
export type Liveness = {
    /**
     * Always ok.
     */
    status: 'ok';
};
/**
 * Login
 */
export type Login = {
    /**
     * A login address of the account.
     */
    address: string;
    /**
     * The account's password.
     */
    password: string;
};
/**
 * MailboxCreate
 */
export type MailboxCreate = {
    /**
     * Full name; levels are separated by '/'.
     */
    name: string;
    /**
     * Subscribe to it.
     */
    subscribed?: boolean;
};
/**
 * MailboxList
 */
export type MailboxList = {
    /**
     * The Inbox first, then by name.
     */
    items: Array<MailboxOut>;
};
/**
 * MailboxOut
 */
export type MailboxOut = {
    /**
     * The mailbox id.
     */
    id: number;
    /**
     * Full name; levels are separated by '/'.
     */
    name: string;
    /**
     * Special use (RFC 6154, with inbox); null for your own mailboxes.
     */
    role: 'inbox' | 'sent' | 'archive' | 'drafts' | 'trash' | 'junk' | null;
    /**
     * Messages in it.
     */
    total: number;
    /**
     * Messages without the seen flag.
     */
    unread: number;
    /**
     * Bytes of all its messages.
     */
    size: number;
    /**
     * Shown by IMAP clients that list subscribed mailboxes only.
     */
    subscribed: boolean;
    /**
     * IMAP UIDVALIDITY.
     */
    uidvalidity: number;
    /**
     * IMAP UIDNEXT: the UID the next message will get.
     */
    uidnext: number;
};
/**
 * MailboxUpdate
 */
export type MailboxUpdate = {
    /**
     * New full name.
     */
    name?: string | null;
    /**
     * Subscribe or unsubscribe.
     */
    subscribed?: boolean | null;
};
/**
 * MessageDetail
 */
export type MessageDetail = {
    /**
     * The message id; it stays when the message moves.
     */
    id: number;
    /**
     * The mailbox it is in.
     */
    mailbox_id: number;
    /**
     * Its conversation (see /v1/threads).
     */
    thread_id: number;
    /**
     * From: addresses.
     */
    from: Array<EmailAddress>;
    /**
     * To: addresses.
     */
    to: Array<EmailAddress>;
    /**
     * Cc: addresses.
     */
    cc: Array<EmailAddress>;
    /**
     * Subject, decoded.
     */
    subject: string;
    /**
     * The start of the text, quoted lines left out.
     */
    snippet: string;
    /**
     * Date: header (the received time when it has none).
     */
    date: string | null;
    /**
     * When it was stored here.
     */
    received: string | null;
    /**
     * System flags set.
     */
    flags: Array<'seen' | 'answered' | 'flagged' | 'deleted' | 'draft'>;
    /**
     * Keywords set.
     */
    keywords: Array<string>;
    /**
     * Size in bytes.
     */
    size: number;
    /**
     * Whether it has a part a person would call an attachment.
     */
    has_attachment: boolean;
    /**
     * Reply-To: addresses.
     */
    reply_to: Array<EmailAddress>;
    /**
     * Bcc: addresses (in drafts and sent copies).
     */
    bcc: Array<EmailAddress>;
    /**
     * Message-ID header.
     */
    message_id: string;
    /**
     * In-Reply-To header.
     */
    in_reply_to: string;
    /**
     * Message-IDs of In-Reply-To and References.
     */
    references: Array<string>;
    /**
     * The text body (from the HTML when there is no text part).
     */
    text: string;
    /**
     * The HTML body, sanitized: no scripts, event handlers, forms or frames; every URL absolute (http/https in lower case, cid:, mailto:, tel:, #fragment). Remote images are kept, or have their `src` removed with `remote=blocked`. Render it in a sandboxed frame.
     */
    html: string | null;
    /**
     * The http(s) URLs the HTML loads by itself (image sources), in document order, each once; the same with `remote=blocked`, where the HTML no longer names them.
     */
    remote_resources: Array<string>;
    /**
     * text or html was cut at 2 MiB; /raw has everything.
     */
    truncated: boolean;
    /**
     * Parts other than the bodies.
     */
    attachments: Array<AttachmentOut>;
    /**
     * The whole MIME structure.
     */
    structure: PartOut | null;
    /**
     * How it arrived.
     */
    meta: MessageMeta | null;
};
/**
 * MessageItem
 */
export type MessageItem = {
    /**
     * The message id; it stays when the message moves.
     */
    id: number;
    /**
     * The mailbox it is in.
     */
    mailbox_id: number;
    /**
     * Its conversation (see /v1/threads).
     */
    thread_id: number;
    /**
     * From: addresses.
     */
    from: Array<EmailAddress>;
    /**
     * To: addresses.
     */
    to: Array<EmailAddress>;
    /**
     * Cc: addresses.
     */
    cc: Array<EmailAddress>;
    /**
     * Subject, decoded.
     */
    subject: string;
    /**
     * The start of the text, quoted lines left out.
     */
    snippet: string;
    /**
     * Date: header (the received time when it has none).
     */
    date: string | null;
    /**
     * When it was stored here.
     */
    received: string | null;
    /**
     * System flags set.
     */
    flags: Array<'seen' | 'answered' | 'flagged' | 'deleted' | 'draft'>;
    /**
     * Keywords set.
     */
    keywords: Array<string>;
    /**
     * Size in bytes.
     */
    size: number;
    /**
     * Whether it has a part a person would call an attachment.
     */
    has_attachment: boolean;
};
/**
 * MessageMeta
 */
export type MessageMeta = {
    /**
     * SMTP MAIL FROM.
     */
    mail_from: string;
    /**
     * SMTP RCPT TO it was delivered for.
     */
    rcpt_to: string;
    /**
     * The sending server's address.
     */
    remote_ip: string;
    /**
     * SPF result (RFC 8601 words); empty when not checked.
     */
    spf: string;
    /**
     * DKIM result; empty when not checked.
     */
    dkim: string;
    /**
     * DMARC result; empty when not checked.
     */
    dmarc: string;
    /**
     * IMAP UID in its mailbox.
     */
    uid: number;
    /**
     * Modification sequence of its last change.
     */
    modseq: number;
};
/**
 * MessagePage
 */
export type MessagePage = {
    /**
     * In the requested order.
     */
    items: Array<MessageItem>;
    /**
     * Pass as `cursor` for the next page; null at the end.
     */
    next_cursor: string | null;
};
/**
 * MessageUpdate
 */
export type MessageUpdate = {
    /**
     * Flags to set.
     */
    add_flags?: Array<'seen' | 'answered' | 'flagged' | 'deleted' | 'draft'>;
    /**
     * Flags to clear.
     */
    remove_flags?: Array<'seen' | 'answered' | 'flagged' | 'deleted' | 'draft'>;
    /**
     * Keywords to set.
     */
    add_keywords?: Array<string>;
    /**
     * Keywords to clear.
     */
    remove_keywords?: Array<string>;
    /**
     * Move to this mailbox.
     */
    mailbox_id?: number | null;
};
/**
 * OutboundDetail
 */
export type OutboundDetail = {
    /**
     * The outbound id.
     */
    id: number;
    /**
     * Unique id in this recipient's MAIL FROM.
     */
    from_id: string;
    /**
     * Message-ID header of the message.
     */
    message_id: string;
    /**
     * Subject of the message.
     */
    subject: string;
    /**
     * The From: address.
     */
    sender: string;
    /**
     * This recipient.
     */
    recipient: string;
    /**
     * Where this recipient stands.
     */
    state: 'queued' | 'held' | 'delivered' | 'failed' | 'canceled' | 'suppressed' | 'expired';
    /**
     * Delivery attempts made so far.
     */
    attempts: number;
    /**
     * When the next attempt is due (queued only).
     */
    next_attempt: string | null;
    /**
     * The last reply, if there was an attempt.
     */
    last_result: LastResult | null;
    /**
     * State `suppressed`: the suppression list entry that matched; null otherwise.
     */
    suppressed_by: SuppressionMatch | null;
    /**
     * The metadata given when sending.
     */
    metadata: {
        [key: string]: string;
    };
    /**
     * When it was queued.
     */
    created: string;
    /**
     * When its state last changed.
     */
    updated: string;
    /**
     * Attempts and reports, oldest first.
     */
    attempt_history: Array<AttemptOut>;
};
/**
 * OutboundOut
 */
export type OutboundOut = {
    /**
     * The outbound id.
     */
    id: number;
    /**
     * Unique id in this recipient's MAIL FROM.
     */
    from_id: string;
    /**
     * Message-ID header of the message.
     */
    message_id: string;
    /**
     * Subject of the message.
     */
    subject: string;
    /**
     * The From: address.
     */
    sender: string;
    /**
     * This recipient.
     */
    recipient: string;
    /**
     * Where this recipient stands.
     */
    state: 'queued' | 'held' | 'delivered' | 'failed' | 'canceled' | 'suppressed' | 'expired';
    /**
     * Delivery attempts made so far.
     */
    attempts: number;
    /**
     * When the next attempt is due (queued only).
     */
    next_attempt: string | null;
    /**
     * The last reply, if there was an attempt.
     */
    last_result: LastResult | null;
    /**
     * State `suppressed`: the suppression list entry that matched; null otherwise.
     */
    suppressed_by: SuppressionMatch | null;
    /**
     * The metadata given when sending.
     */
    metadata: {
        [key: string]: string;
    };
    /**
     * When it was queued.
     */
    created: string;
    /**
     * When its state last changed.
     */
    updated: string;
};
/**
 * OutboundPage
 */
export type OutboundPage = {
    /**
     * Newest first.
     */
    items: Array<OutboundOut>;
    /**
     * Pass as `cursor` for the next page; null at the end.
     */
    next_cursor: string | null;
};
/**
 * PartOut
 */
export type PartOut = {
    /**
     * Section number (as IMAP); '' for the top multipart.
     */
    path: string;
    /**
     * Media type.
     */
    content_type: string;
    /**
     * Encoded size of its body in bytes.
     */
    size: number;
    /**
     * Declared charset of a text part.
     */
    charset: string;
    /**
     * File name, if it has one.
     */
    filename: string;
    /**
     * inline, attachment or empty.
     */
    disposition: string;
    /**
     * Content-ID, for cid: references.
     */
    content_id: string;
    /**
     * Its parts (multipart, or an attached message).
     */
    parts: Array<PartOut>;
};
/**
 * RotateSecret
 */
export type RotateSecret = {
    /**
     * How long the old secret keeps signing too (at most 7 days).
     */
    grace_seconds?: number;
};
/**
 * SendRequest
 */
export type SendRequest = {
    /**
     * Sender (From:). Defaults to the authenticated account's address; must be the account's.
     */
    from?: EmailAddress | null;
    /**
     * To: recipients.
     */
    to?: Array<EmailAddress>;
    /**
     * Cc: recipients.
     */
    cc?: Array<EmailAddress>;
    /**
     * Bcc: recipients (not in the message headers).
     */
    bcc?: Array<EmailAddress>;
    /**
     * Reply-To: addresses.
     */
    reply_to?: Array<EmailAddress>;
    /**
     * Subject line.
     */
    subject?: string;
    /**
     * Plain-text body.
     */
    text?: string | null;
    /**
     * HTML body.
     */
    html?: string | null;
    /**
     * With `html` and no `text`: add a text/plain alternative written from the HTML (spam filters penalize HTML without text). false sends the HTML alone.
     */
    text_from_html?: boolean;
    /**
     * Extra header fields; the ones Mailwright sets itself are refused.
     */
    headers?: {
        [key: string]: string;
    };
    /**
     * Your own key/value pairs, carried through the queue into every event about this message.
     */
    metadata?: {
        [key: string]: string;
    };
    /**
     * Attachments.
     */
    attachments?: Array<AttachmentIn>;
    /**
     * Inline parts for the HTML body (need `content_id`).
     */
    inline?: Array<AttachmentIn>;
    /**
     * Extra alternative bodies, e.g. `text/calendar`.
     */
    alternatives?: Array<AttachmentIn>;
    /**
     * Message-IDs this message refers to (References:).
     */
    references?: Array<string>;
    /**
     * Message-ID this message replies to (In-Reply-To:).
     */
    in_reply_to?: string;
    /**
     * Message-ID to use instead of a generated one.
     */
    message_id?: string;
    /**
     * Date: header; default now.
     */
    date?: string | null;
    /**
     * true: deliver only over TLS (REQUIRETLS semantics); false: never refuse for lack of TLS.
     */
    require_tls?: boolean | null;
    /**
     * Hold the message until this time.
     */
    send_at?: string | null;
    /**
     * Deadline: not delivered by then, the remaining attempts stop and the recipient is `expired`.
     */
    deliver_by?: string | null;
    /**
     * Keep a copy in the account's Sent mailbox.
     */
    save_sent?: boolean;
    /**
     * Send this saved draft (a message in Drafts) instead of composing: its To, Cc and Bcc are the recipients, Bcc is removed, Date is set to now. Give no content fields with it. The draft is removed once queued (moved to Sent with `save_sent`).
     */
    draft_id?: number | null;
};
/**
 * SendResponse
 */
export type SendResponse = {
    /**
     * The Message-ID header of the message.
     */
    message_id: string;
    /**
     * One per recipient, in order.
     */
    submissions: Array<SubmissionOut>;
};
/**
 * ServiceInfo
 */
export type ServiceInfo = {
    /**
     * The product name.
     */
    service: string;
    /**
     * The server version.
     */
    version: string;
    /**
     * The API version in the paths.
     */
    api_version: string;
    /**
     * The host name the server uses in SMTP.
     */
    hostname: string;
    /**
     * Path of the interactive API documentation.
     */
    docs: string;
    /**
     * Path of the OpenAPI document.
     */
    openapi: string;
};
/**
 * SessionOut
 */
export type SessionOut = {
    /**
     * The account's name.
     */
    account: string;
    /**
     * The address the session logged in with.
     */
    address: string;
    /**
     * Echo it in the `X-CSRF-Token` header of every request that changes something.
     */
    csrf_token: string;
    /**
     * When the session ends at the latest, used or not (RFC 3339).
     */
    expires: string;
    /**
     * The session ends after this many seconds without a request.
     */
    idle_timeout_seconds: number;
};
/**
 * SubmissionOut
 */
export type SubmissionOut = {
    /**
     * The recipient address.
     */
    address: string;
    /**
     * The queue entry for this recipient; events name it.
     */
    outbound_id: number;
    /**
     * Unique id in the MAIL FROM of this recipient's delivery.
     */
    from_id: string;
    /**
     * `queued`, or `suppressed` (on the suppression list) or `held` (by a hold rule).
     */
    state: string;
};
/**
 * SuppressionMatch
 */
export type SuppressionMatch = {
    /**
     * The address of the entry, as added.
     */
    address: string;
    /**
     * Why it is suppressed.
     */
    reason: string;
    /**
     * When the entry was added.
     */
    created: string;
};
/**
 * SuppressionOut
 */
export type SuppressionOut = {
    /**
     * The address as added.
     */
    address: string;
    /**
     * The matching form: lower-cased, the domain as A-labels; a +tag dropped (and dots at Gmail) only at domains that deliver those to the same mailbox, or with the account's `fold_separators`.
     */
    base_address: string;
    /**
     * Why it is suppressed.
     */
    reason: string;
    /**
     * false when a permanent delivery failure added it.
     */
    manual: boolean;
    /**
     * When it was added.
     */
    created: string;
};
/**
 * SuppressionPage
 */
export type SuppressionPage = {
    /**
     * One per address added, ordered by base address, then address.
     */
    items: Array<SuppressionOut>;
    /**
     * Pass as `cursor` for the next page; null at the end.
     */
    next_cursor: string | null;
};
/**
 * SuppressionSettings
 */
export type SuppressionSettings = {
    /**
     * At every domain, a tag after any of these characters is dropped before matching, besides what known providers do (`+` at Gmail, Outlook, Fastmail, iCloud; `-` at Yahoo). Empty (the default): other domains match exactly. `+-` makes `mary-jane@corp.example` catch `mary@corp.example`.
     */
    fold_separators?: string;
};
/**
 * ThreadOut
 */
export type ThreadOut = {
    /**
     * The thread id (the id of its first message).
     */
    id: number;
    /**
     * Its messages in every mailbox, oldest first.
     */
    messages: Array<MessageItem>;
};
/**
 * UpdateResult
 */
export type UpdateResult = {
    /**
     * The ids changed (each at most once).
     */
    updated: Array<number>;
};
/**
 * WebhookAttemptOut
 */
export type WebhookAttemptOut = {
    /**
     * When the attempt was made.
     */
    time: string;
    /**
     * Where it went: the URL configured at the time of the attempt.
     */
    url: string;
    /**
     * HTTP status; null when there was no answer.
     */
    status: number | null;
    /**
     * The start of the response body (up to 1 KiB).
     */
    response: string;
    /**
     * Why it did not count as delivered; empty on success.
     */
    error: string;
    /**
     * How long the call took.
     */
    duration_ms: number;
};
/**
 * WebhookDeliveryDetail
 */
export type WebhookDeliveryDetail = {
    id: number;
    /**
     * The webhook-id header, the same on every retry.
     */
    webhook_id: string;
    /**
     * Where the last attempt went, or the next goes: calls go to the URL configured at the time of each attempt.
     */
    url: string;
    event: string;
    /**
     * For events about a sent message.
     */
    outbound_id: number | null;
    /**
     * The payload's sequence (0 for incoming and test events).
     */
    sequence: number;
    /**
     * superseded: a newer event about the recipient replaced it.
     */
    state: 'pending' | 'delivered' | 'failed' | 'superseded';
    /**
     * Attempts made so far.
     */
    attempts: number;
    /**
     * When pending: the next try.
     */
    next_attempt: string | null;
    /**
     * HTTP status of the last attempt.
     */
    last_status: number | null;
    /**
     * Why the last attempt failed; empty if it did not.
     */
    last_error: string;
    /**
     * When the event was queued.
     */
    created: string;
    /**
     * When the call last changed.
     */
    updated: string;
    /**
     * The body as sent.
     */
    payload: OutgoingEvent | IncomingEvent | TestEvent;
    /**
     * Every attempt, oldest first.
     */
    attempt_history: Array<WebhookAttemptOut>;
};
/**
 * WebhookDeliveryOut
 */
export type WebhookDeliveryOut = {
    id: number;
    /**
     * The webhook-id header, the same on every retry.
     */
    webhook_id: string;
    /**
     * Where the last attempt went, or the next goes: calls go to the URL configured at the time of each attempt.
     */
    url: string;
    event: string;
    /**
     * For events about a sent message.
     */
    outbound_id: number | null;
    /**
     * The payload's sequence (0 for incoming and test events).
     */
    sequence: number;
    /**
     * superseded: a newer event about the recipient replaced it.
     */
    state: 'pending' | 'delivered' | 'failed' | 'superseded';
    /**
     * Attempts made so far.
     */
    attempts: number;
    /**
     * When pending: the next try.
     */
    next_attempt: string | null;
    /**
     * HTTP status of the last attempt.
     */
    last_status: number | null;
    /**
     * Why the last attempt failed; empty if it did not.
     */
    last_error: string;
    /**
     * When the event was queued.
     */
    created: string;
    /**
     * When the call last changed.
     */
    updated: string;
};
/**
 * WebhookDeliveryPage
 */
export type WebhookDeliveryPage = {
    /**
     * Newest first.
     */
    items: Array<WebhookDeliveryOut>;
    /**
     * Pass as `cursor` for the next page; null at the end.
     */
    next_cursor: string | null;
};
/**
 * WebhookSettingsIn
 */
export type WebhookSettingsIn = {
    /**
     * Receives events about sent mail (delivered, failed, ...).
     */
    outgoing_url?: string;
    /**
     * Receives an `incoming` event for each new message.
     */
    incoming_url?: string;
    /**
     * Event types wanted; empty means all: delivered, suppressed, delayed, failed, relayed, expanded, canceled, expired, unrecognized, complained, incoming.
     */
    events?: Array<string>;
    /**
     * Sent as the Authorization header of each call.
     */
    authorization?: string;
};
/**
 * WebhookSettingsOut
 */
export type WebhookSettingsOut = {
    /**
     * Receives events about sent mail; empty: none.
     */
    outgoing_url: string;
    /**
     * Receives incoming events; empty: none.
     */
    incoming_url: string;
    /**
     * The event types wanted; empty: all.
     */
    events: Array<string>;
    /**
     * An Authorization header value is set (not shown).
     */
    has_authorization: boolean;
    /**
     * The Standard Webhooks secret; only in the answer that created it (first URL set, rotation).
     */
    signing_secret: string | null;
    /**
     * Until then, calls also carry a signature with the previous secret.
     */
    previous_secret_valid_until: string | null;
};
/**
 * WebhookSettingsPatch
 */
export type WebhookSettingsPatch = {
    /**
     * Receives events about sent mail (delivered, failed, ...).
     */
    outgoing_url?: string | null;
    /**
     * Receives an `incoming` event for each new message.
     */
    incoming_url?: string | null;
    /**
     * Event types wanted; empty means all: delivered, suppressed, delayed, failed, relayed, expanded, canceled, expired, unrecognized, complained, incoming.
     */
    events?: Array<string> | null;
    /**
     * Sent as the Authorization header of each call; empty: none.
     */
    authorization?: string | null;
};
/**
 * WebhookTestOut
 */
export type WebhookTestOut = {
    /**
     * One webhook call per configured URL; see /v1/webhook-deliveries/{id}.
     */
    delivery_ids: Array<number>;
};
/**
 * OutgoingEvent
 *
 * A state change of one recipient of a message you sent.
 */
export type OutgoingEvent = {
    /**
     * Payload version; new fields may appear.
     */
    version: number;
    /**
     * What happened.
     */
    event: 'canceled' | 'complained' | 'delayed' | 'delivered' | 'expanded' | 'expired' | 'failed' | 'relayed' | 'suppressed' | 'unrecognized';
    /**
     * The recipient's outbound id (from the send answer).
     */
    outbound_id: number;
    /**
     * The unique id in this recipient's MAIL FROM.
     */
    from_id: string;
    /**
     * Message-ID of the message.
     */
    message_id: string;
    /**
     * Subject of the message.
     */
    subject: string;
    recipient: string;
    /**
     * A delivery status notification (bounce) caused it.
     */
    dsn: boolean;
    /**
     * It added the recipient to the suppression list.
     */
    suppressing: boolean;
    /**
     * For `suppressed`: the suppression list entry that matched; null otherwise.
     */
    suppressed_by: SuppressedBy | null;
    /**
     * SMTP reply code, if a server answered.
     */
    smtp_code: number | null;
    /**
     * Enhanced status code.
     */
    enhanced_code: string;
    /**
     * What went wrong, for failures and delays.
     */
    error: string;
    /**
     * The metadata given when sending.
     */
    metadata: {
        [key: string]: string;
    };
    /**
     * When it happened (RFC 3339).
     */
    time: string;
    /**
     * Increases with every event about this recipient; drop an event older than one you have.
     */
    sequence: number;
};
/**
 * SuppressedBy
 *
 * The suppression list entry that matched the recipient, as it was when it matched.
 */
export type SuppressedBy = {
    /**
     * The address of the entry, as added.
     */
    address: string;
    /**
     * Why it is suppressed.
     */
    reason: string;
    /**
     * When the entry was added (RFC 3339).
     */
    created: string;
};
/**
 * IncomingEvent
 *
 * A message was delivered to a mailbox of the account (bounces become outgoing events instead).
 */
export type IncomingEvent = {
    /**
     * Payload version; new fields may appear.
     */
    version: number;
    event: 'incoming';
    /**
     * From: addresses.
     */
    from: Array<EventAddress>;
    /**
     * To: addresses.
     */
    to: Array<EventAddress>;
    /**
     * Cc: addresses.
     */
    cc: Array<EventAddress>;
    /**
     * Reply-To: addresses (empty when absent).
     */
    reply_to: Array<EventAddress>;
    /**
     * Subject, decoded.
     */
    subject: string;
    /**
     * Message-ID header.
     */
    message_id: string;
    /**
     * In-Reply-To header.
     */
    in_reply_to: string;
    /**
     * Message-IDs from References:.
     */
    references: Array<string>;
    /**
     * The Date: header (RFC 3339), empty if missing or unparsable.
     */
    date: string;
    /**
     * The text/plain body, decoded.
     */
    text: string;
    /**
     * text was cut at 1 MiB.
     */
    text_truncated: boolean;
    /**
     * The text/html body, decoded. Untrusted: sanitize before showing.
     */
    html: string;
    /**
     * html was cut at 1 MiB.
     */
    html_truncated: boolean;
    /**
     * MIME structure of the message.
     */
    structure: BodyPart;
    meta: IncomingMeta;
    /**
     * Set when In-Reply-To/References name a message this account sent.
     */
    in_reply_to_outbound: InReplyToOutbound | null;
    /**
     * When it happened (RFC 3339).
     */
    time: string;
};
/**
 * EventAddress
 */
export type EventAddress = {
    /**
     * Display name, decoded.
     */
    name: string;
    address: string;
};
/**
 * BodyPart
 *
 * One MIME part of the message; fetch its decoded content through the API by `path`.
 */
export type BodyPart = {
    /**
     * IMAP section number, dot-separated (`1`, `2.1`); empty for a multipart message itself.
     */
    path: string;
    content_type: string;
    /**
     * Encoded size in bytes.
     */
    size: number;
    filename: string;
    /**
     * Content-ID, for inline parts.
     */
    content_id: string;
    /**
     * inline, attachment, or empty.
     */
    disposition: string;
    /**
     * Children of a multipart.
     */
    parts: Array<BodyPart>;
};
/**
 * IncomingMeta
 */
export type IncomingMeta = {
    /**
     * The stored message's id, for the mail access API.
     */
    stored_id: number;
    mailbox: string;
    /**
     * SMTP MAIL FROM (empty for a null sender).
     */
    mail_from: string;
    /**
     * SMTP RCPT TO that delivered it to this account.
     */
    rcpt_to: string;
    /**
     * Address of the delivering client; empty for local delivery.
     */
    remote_ip: string;
    /**
     * When it was stored (RFC 3339).
     */
    received: string;
    /**
     * SPF result (RFC 8601 word); empty if not checked.
     */
    spf: string;
    /**
     * DKIM result; empty when not checked.
     */
    dkim: string;
    /**
     * DMARC result; empty when not checked.
     */
    dmarc: string;
    /**
     * Sent by a program: auto-submitted, a mailing list, bulk, or an out-of-office reply.
     */
    automated: boolean;
    /**
     * auto-submitted, auto-reply, mailing-list or bulk; empty when not automated.
     */
    automated_reason: string;
};
/**
 * InReplyToOutbound
 *
 * The message we sent that this one replies to.
 */
export type InReplyToOutbound = {
    /**
     * Outbound id of the recipient who replied (or the first).
     */
    outbound_id: number;
    /**
     * Message-ID of the message we sent.
     */
    message_id: string;
    /**
     * The recipient the outbound id is for.
     */
    recipient: string;
    /**
     * The metadata given when that message was sent.
     */
    metadata: {
        [key: string]: string;
    };
};
/**
 * TestEvent
 *
 * Sent by POST /v1/webhooks/test to check that a receiver works.
 */
export type TestEvent = {
    version: number;
    event: 'test';
    /**
     * When it was queued (RFC 3339).
     */
    time: string;
};
/**
 * Problem
 *
 * An error response (RFC 9457).
 */
export type Problem = {
    /**
     * A URI naming the kind of problem.
     */
    type: string;
    /**
     * The HTTP status phrase.
     */
    title: string;
    /**
     * The HTTP status.
     */
    status: number;
    /**
     * A stable machine-readable code.
     */
    code: string;
    /**
     * What went wrong, for people.
     */
    detail?: string;
    /**
     * The request path.
     */
    instance?: string;
    /**
     * Invalid fields.
     */
    errors?: Array<FieldError>;
};
/**
 * FieldError
 */
export type FieldError = {
    /**
     * The field, as a path into the request.
     */
    field: string;
    /**
     * What is wrong with it.
     */
    message: string;
};
/**
 * ChangeOut
 *
 * The data of one event of /v1/events (the event name is its `type`).
 */
export type ChangeOut = {
    /**
     * What happened.
     */
    type: 'mailbox.created' | 'mailbox.deleted' | 'mailbox.renamed' | 'mailbox.updated' | 'message.expunged' | 'message.flags' | 'message.moved' | 'message.new' | 'ready' | 'reset';
    /**
     * The account's modification sequence; also the event id.
     */
    modseq: number;
    /**
     * The mailbox concerned (for moved: where it is now).
     */
    mailbox_id: number;
    /**
     * The message concerned, 0 for mailbox events.
     */
    message_id: number;
    /**
     * Its IMAP UID in mailbox_id.
     */
    uid: number;
    /**
     * For message.moved: where it was.
     */
    prev_mailbox_id: number;
    /**
     * For message.moved: its UID there.
     */
    prev_uid: number;
};
export type GetHealthData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/health';
};
export type GetHealthErrors = {
    /**
     * Not ready: the body says what is not.
     */
    503: Health;
};
export type GetHealthError = GetHealthErrors[keyof GetHealthErrors];
export type GetHealthResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: Health;
};
export type GetHealthResponse = GetHealthResponses[keyof GetHealthResponses];
export type GetLivenessData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/health/live';
};
export type GetLivenessResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: Liveness;
};
export type GetLivenessResponse = GetLivenessResponses[keyof GetLivenessResponses];
export type GetServiceData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/v1';
};
export type GetServiceResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: ServiceInfo;
};
export type GetServiceResponse = GetServiceResponses[keyof GetServiceResponses];
export type SendBatchData = {
    body: BatchRequest;
    path?: never;
    query?: never;
    url: '/v1/send/batch';
};
export type SendBatchErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * The body is not application/json (nor multipart/form-data where the operation takes it).
     */
    415: Problem;
    /**
     * Well-formed, but refused (for example a webhook URL that is not public).
     */
    422: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type SendBatchError = SendBatchErrors[keyof SendBatchErrors];
export type SendBatchResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: BatchResponse;
};
export type SendBatchResponse = SendBatchResponses[keyof SendBatchResponses];
export type SendData = {
    body: SendRequest;
    headers?: {
        /**
         * Makes a retried call return the first call's result instead of sending twice (24 h).
         */
        'Idempotency-Key'?: string | null;
    };
    path?: never;
    query?: never;
    url: '/v1/send';
};
export type SendErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * The body is not application/json (nor multipart/form-data where the operation takes it).
     */
    415: Problem;
    /**
     * Well-formed, but refused (for example a webhook URL that is not public).
     */
    422: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type SendError = SendErrors[keyof SendErrors];
export type SendResponses = {
    /**
     * Request accepted, processing continues off-line
     */
    202: SendResponse;
};
export type SendResponse2 = SendResponses[keyof SendResponses];
export type CancelOutboundData = {
    body?: never;
    path: {
        outbound_id: number;
    };
    query?: never;
    url: '/v1/outbound/{outbound_id}/cancel';
};
export type CancelOutboundErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * The resource is not in a state that allows this.
     */
    409: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type CancelOutboundError = CancelOutboundErrors[keyof CancelOutboundErrors];
export type CancelOutboundResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: OutboundOut;
};
export type CancelOutboundResponse = CancelOutboundResponses[keyof CancelOutboundResponses];
export type GetOutboundData = {
    body?: never;
    path: {
        outbound_id: number;
    };
    query?: never;
    url: '/v1/outbound/{outbound_id}';
};
export type GetOutboundErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type GetOutboundError = GetOutboundErrors[keyof GetOutboundErrors];
export type GetOutboundResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: OutboundDetail;
};
export type GetOutboundResponse = GetOutboundResponses[keyof GetOutboundResponses];
export type ListOutboundData = {
    body?: never;
    path?: never;
    query?: {
        /**
         * Only this state.
         */
        state?: 'queued' | 'held' | 'delivered' | 'failed' | 'canceled' | 'suppressed' | 'expired';
        /**
         * Only this recipient address: the case of ASCII letters does not matter, and an international domain may be given in Unicode or as A-labels (xn--).
         */
        recipient?: string;
        /**
         * Only this recipient domain.
         */
        recipient_domain?: string;
        /**
         * Only this Message-ID.
         */
        message_id?: string;
        /**
         * key=value; repeat to require several.
         */
        metadata?: Array<string>;
        /**
         * Queued at or after.
         */
        since?: string;
        /**
         * Queued before.
         */
        until?: string;
        /**
         * From `next_cursor` of the previous page.
         */
        cursor?: string;
        /**
         * Page size.
         */
        limit?: number;
    };
    url: '/v1/outbound';
};
export type ListOutboundErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type ListOutboundError = ListOutboundErrors[keyof ListOutboundErrors];
export type ListOutboundResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: OutboundPage;
};
export type ListOutboundResponse = ListOutboundResponses[keyof ListOutboundResponses];
export type ReleaseOutboundData = {
    body?: never;
    path: {
        outbound_id: number;
    };
    query?: never;
    url: '/v1/outbound/{outbound_id}/release';
};
export type ReleaseOutboundErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * The resource is not in a state that allows this.
     */
    409: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type ReleaseOutboundError = ReleaseOutboundErrors[keyof ReleaseOutboundErrors];
export type ReleaseOutboundResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: OutboundOut;
};
export type ReleaseOutboundResponse = ReleaseOutboundResponses[keyof ReleaseOutboundResponses];
export type RetryOutboundData = {
    body?: never;
    path: {
        outbound_id: number;
    };
    query?: never;
    url: '/v1/outbound/{outbound_id}/retry';
};
export type RetryOutboundErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * The resource is not in a state that allows this.
     */
    409: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type RetryOutboundError = RetryOutboundErrors[keyof RetryOutboundErrors];
export type RetryOutboundResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: OutboundOut;
};
export type RetryOutboundResponse = RetryOutboundResponses[keyof RetryOutboundResponses];
export type ListSuppressionsData = {
    body?: never;
    path?: never;
    query?: {
        /**
         * Only base addresses starting with this.
         */
        prefix?: string;
        /**
         * From `next_cursor` of the previous page.
         */
        cursor?: string;
        limit?: number;
    };
    url: '/v1/suppressions';
};
export type ListSuppressionsErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type ListSuppressionsError = ListSuppressionsErrors[keyof ListSuppressionsErrors];
export type ListSuppressionsResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: SuppressionPage;
};
export type ListSuppressionsResponse = ListSuppressionsResponses[keyof ListSuppressionsResponses];
export type AddSuppressionData = {
    body: AddSuppression;
    path?: never;
    query?: never;
    url: '/v1/suppressions';
};
export type AddSuppressionErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * The body is not application/json (nor multipart/form-data where the operation takes it).
     */
    415: Problem;
    /**
     * Well-formed, but refused (for example a webhook URL that is not public).
     */
    422: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type AddSuppressionError = AddSuppressionErrors[keyof AddSuppressionErrors];
export type AddSuppressionResponses = {
    /**
     * Document created, URL follows
     */
    201: SuppressionOut;
};
export type AddSuppressionResponse = AddSuppressionResponses[keyof AddSuppressionResponses];
export type RemoveSuppressionData = {
    body?: never;
    path: {
        address: string;
    };
    query?: never;
    url: '/v1/suppressions/{address}';
};
export type RemoveSuppressionErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type RemoveSuppressionError = RemoveSuppressionErrors[keyof RemoveSuppressionErrors];
export type RemoveSuppressionResponses = {
    /**
     * Request fulfilled, nothing follows
     */
    204: void;
};
export type RemoveSuppressionResponse = RemoveSuppressionResponses[keyof RemoveSuppressionResponses];
export type GetSuppressionData = {
    body?: never;
    path: {
        address: string;
    };
    query?: never;
    url: '/v1/suppressions/{address}';
};
export type GetSuppressionErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type GetSuppressionError = GetSuppressionErrors[keyof GetSuppressionErrors];
export type GetSuppressionResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: SuppressionOut;
};
export type GetSuppressionResponse = GetSuppressionResponses[keyof GetSuppressionResponses];
export type GetSuppressionSettingsData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/v1/suppression-settings';
};
export type GetSuppressionSettingsErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type GetSuppressionSettingsError = GetSuppressionSettingsErrors[keyof GetSuppressionSettingsErrors];
export type GetSuppressionSettingsResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: SuppressionSettings;
};
export type GetSuppressionSettingsResponse = GetSuppressionSettingsResponses[keyof GetSuppressionSettingsResponses];
export type SetSuppressionSettingsData = {
    body: SuppressionSettings;
    path?: never;
    query?: never;
    url: '/v1/suppression-settings';
};
export type SetSuppressionSettingsErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * The body is not application/json (nor multipart/form-data where the operation takes it).
     */
    415: Problem;
    /**
     * Well-formed, but refused (for example a webhook URL that is not public).
     */
    422: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type SetSuppressionSettingsError = SetSuppressionSettingsErrors[keyof SetSuppressionSettingsErrors];
export type SetSuppressionSettingsResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: SuppressionSettings;
};
export type SetSuppressionSettingsResponse = SetSuppressionSettingsResponses[keyof SetSuppressionSettingsResponses];
export type ListHoldRulesData = {
    body?: never;
    path?: never;
    query?: {
        /**
         * Every account's rules (admin scope).
         */
        all?: boolean;
    };
    url: '/v1/hold-rules';
};
export type ListHoldRulesErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type ListHoldRulesError = ListHoldRulesErrors[keyof ListHoldRulesErrors];
export type ListHoldRulesResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: HoldRuleList;
};
export type ListHoldRulesResponse = ListHoldRulesResponses[keyof ListHoldRulesResponses];
export type AddHoldRuleData = {
    body: CreateHoldRule;
    path?: never;
    query?: never;
    url: '/v1/hold-rules';
};
export type AddHoldRuleErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * The body is not application/json (nor multipart/form-data where the operation takes it).
     */
    415: Problem;
    /**
     * Well-formed, but refused (for example a webhook URL that is not public).
     */
    422: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type AddHoldRuleError = AddHoldRuleErrors[keyof AddHoldRuleErrors];
export type AddHoldRuleResponses = {
    /**
     * Document created, URL follows
     */
    201: HoldRuleOut;
};
export type AddHoldRuleResponse = AddHoldRuleResponses[keyof AddHoldRuleResponses];
export type RemoveHoldRuleData = {
    body?: never;
    path: {
        rule_id: number;
    };
    query?: never;
    url: '/v1/hold-rules/{rule_id}';
};
export type RemoveHoldRuleErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type RemoveHoldRuleError = RemoveHoldRuleErrors[keyof RemoveHoldRuleErrors];
export type RemoveHoldRuleResponses = {
    /**
     * Request fulfilled, nothing follows
     */
    204: void;
};
export type RemoveHoldRuleResponse = RemoveHoldRuleResponses[keyof RemoveHoldRuleResponses];
export type ListApiKeysData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/v1/api-keys';
};
export type ListApiKeysErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type ListApiKeysError = ListApiKeysErrors[keyof ListApiKeysErrors];
export type ListApiKeysResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: ApiKeyList;
};
export type ListApiKeysResponse = ListApiKeysResponses[keyof ListApiKeysResponses];
export type CreateApiKeyData = {
    body: CreateApiKey;
    path?: never;
    query?: never;
    url: '/v1/api-keys';
};
export type CreateApiKeyErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * The body is not application/json (nor multipart/form-data where the operation takes it).
     */
    415: Problem;
    /**
     * Well-formed, but refused (for example a webhook URL that is not public).
     */
    422: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type CreateApiKeyError = CreateApiKeyErrors[keyof CreateApiKeyErrors];
export type CreateApiKeyResponses = {
    /**
     * Document created, URL follows
     */
    201: CreatedApiKey;
};
export type CreateApiKeyResponse = CreateApiKeyResponses[keyof CreateApiKeyResponses];
export type RevokeApiKeyData = {
    body?: never;
    path: {
        key_id: number;
    };
    query?: never;
    url: '/v1/api-keys/{key_id}';
};
export type RevokeApiKeyErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type RevokeApiKeyError = RevokeApiKeyErrors[keyof RevokeApiKeyErrors];
export type RevokeApiKeyResponses = {
    /**
     * Request fulfilled, nothing follows
     */
    204: void;
};
export type RevokeApiKeyResponse = RevokeApiKeyResponses[keyof RevokeApiKeyResponses];
export type GetWebhooksData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/v1/webhooks';
};
export type GetWebhooksErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type GetWebhooksError = GetWebhooksErrors[keyof GetWebhooksErrors];
export type GetWebhooksResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: WebhookSettingsOut;
};
export type GetWebhooksResponse = GetWebhooksResponses[keyof GetWebhooksResponses];
export type UpdateWebhooksData = {
    body: WebhookSettingsPatch;
    path?: never;
    query?: never;
    url: '/v1/webhooks';
};
export type UpdateWebhooksErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * The body is not application/json (nor multipart/form-data where the operation takes it).
     */
    415: Problem;
    /**
     * Well-formed, but refused (for example a webhook URL that is not public).
     */
    422: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type UpdateWebhooksError = UpdateWebhooksErrors[keyof UpdateWebhooksErrors];
export type UpdateWebhooksResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: WebhookSettingsOut;
};
export type UpdateWebhooksResponse = UpdateWebhooksResponses[keyof UpdateWebhooksResponses];
export type SetWebhooksData = {
    body: WebhookSettingsIn;
    path?: never;
    query?: never;
    url: '/v1/webhooks';
};
export type SetWebhooksErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * The body is not application/json (nor multipart/form-data where the operation takes it).
     */
    415: Problem;
    /**
     * Well-formed, but refused (for example a webhook URL that is not public).
     */
    422: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type SetWebhooksError = SetWebhooksErrors[keyof SetWebhooksErrors];
export type SetWebhooksResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: WebhookSettingsOut;
};
export type SetWebhooksResponse = SetWebhooksResponses[keyof SetWebhooksResponses];
export type RotateWebhookSecretData = {
    body: RotateSecret | null;
    path?: never;
    query?: never;
    url: '/v1/webhooks/rotate-secret';
};
export type RotateWebhookSecretErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * The body is not application/json (nor multipart/form-data where the operation takes it).
     */
    415: Problem;
    /**
     * Well-formed, but refused (for example a webhook URL that is not public).
     */
    422: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type RotateWebhookSecretError = RotateWebhookSecretErrors[keyof RotateWebhookSecretErrors];
export type RotateWebhookSecretResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: WebhookSettingsOut;
};
export type RotateWebhookSecretResponse = RotateWebhookSecretResponses[keyof RotateWebhookSecretResponses];
export type TestWebhooksData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/v1/webhooks/test';
};
export type TestWebhooksErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * The resource is not in a state that allows this.
     */
    409: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type TestWebhooksError = TestWebhooksErrors[keyof TestWebhooksErrors];
export type TestWebhooksResponses = {
    /**
     * Request accepted, processing continues off-line
     */
    202: WebhookTestOut;
};
export type TestWebhooksResponse = TestWebhooksResponses[keyof TestWebhooksResponses];
export type GetWebhookDeliveryData = {
    body?: never;
    path: {
        delivery_id: number;
    };
    query?: never;
    url: '/v1/webhook-deliveries/{delivery_id}';
};
export type GetWebhookDeliveryErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type GetWebhookDeliveryError = GetWebhookDeliveryErrors[keyof GetWebhookDeliveryErrors];
export type GetWebhookDeliveryResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: WebhookDeliveryDetail;
};
export type GetWebhookDeliveryResponse = GetWebhookDeliveryResponses[keyof GetWebhookDeliveryResponses];
export type ListWebhookDeliveriesData = {
    body?: never;
    path?: never;
    query?: {
        /**
         * Only this state.
         */
        state?: 'pending' | 'delivered' | 'failed' | 'superseded';
        /**
         * Only this event type.
         */
        event?: string;
        /**
         * Only events about this recipient.
         */
        outbound_id?: number;
        /**
         * From `next_cursor` of the previous page.
         */
        cursor?: string;
        /**
         * Page size.
         */
        limit?: number;
    };
    url: '/v1/webhook-deliveries';
};
export type ListWebhookDeliveriesErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type ListWebhookDeliveriesError = ListWebhookDeliveriesErrors[keyof ListWebhookDeliveriesErrors];
export type ListWebhookDeliveriesResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: WebhookDeliveryPage;
};
export type ListWebhookDeliveriesResponse = ListWebhookDeliveriesResponses[keyof ListWebhookDeliveriesResponses];
export type RetryWebhookDeliveryData = {
    body?: never;
    path: {
        delivery_id: number;
    };
    query?: never;
    url: '/v1/webhook-deliveries/{delivery_id}/retry';
};
export type RetryWebhookDeliveryErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * The resource is not in a state that allows this.
     */
    409: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type RetryWebhookDeliveryError = RetryWebhookDeliveryErrors[keyof RetryWebhookDeliveryErrors];
export type RetryWebhookDeliveryResponses = {
    /**
     * Request accepted, processing continues off-line
     */
    202: WebhookDeliveryOut;
};
export type RetryWebhookDeliveryResponse = RetryWebhookDeliveryResponses[keyof RetryWebhookDeliveryResponses];
export type ListMailboxesData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/v1/mailboxes';
};
export type ListMailboxesErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type ListMailboxesError = ListMailboxesErrors[keyof ListMailboxesErrors];
export type ListMailboxesResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: MailboxList;
};
export type ListMailboxesResponse = ListMailboxesResponses[keyof ListMailboxesResponses];
export type CreateMailboxData = {
    body: MailboxCreate;
    path?: never;
    query?: never;
    url: '/v1/mailboxes';
};
export type CreateMailboxErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * The resource is not in a state that allows this.
     */
    409: Problem;
    /**
     * The body is not application/json (nor multipart/form-data where the operation takes it).
     */
    415: Problem;
    /**
     * Well-formed, but refused (for example a webhook URL that is not public).
     */
    422: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type CreateMailboxError = CreateMailboxErrors[keyof CreateMailboxErrors];
export type CreateMailboxResponses = {
    /**
     * Document created, URL follows
     */
    201: MailboxOut;
};
export type CreateMailboxResponse = CreateMailboxResponses[keyof CreateMailboxResponses];
export type DeleteMailboxData = {
    body?: never;
    path: {
        mailbox_id: number;
    };
    query?: never;
    url: '/v1/mailboxes/{mailbox_id}';
};
export type DeleteMailboxErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * The resource is not in a state that allows this.
     */
    409: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type DeleteMailboxError = DeleteMailboxErrors[keyof DeleteMailboxErrors];
export type DeleteMailboxResponses = {
    /**
     * Request fulfilled, nothing follows
     */
    204: void;
};
export type DeleteMailboxResponse = DeleteMailboxResponses[keyof DeleteMailboxResponses];
export type GetMailboxData = {
    body?: never;
    path: {
        mailbox_id: number;
    };
    query?: never;
    url: '/v1/mailboxes/{mailbox_id}';
};
export type GetMailboxErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type GetMailboxError = GetMailboxErrors[keyof GetMailboxErrors];
export type GetMailboxResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: MailboxOut;
};
export type GetMailboxResponse = GetMailboxResponses[keyof GetMailboxResponses];
export type UpdateMailboxData = {
    body: MailboxUpdate;
    path: {
        mailbox_id: number;
    };
    query?: never;
    url: '/v1/mailboxes/{mailbox_id}';
};
export type UpdateMailboxErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * The resource is not in a state that allows this.
     */
    409: Problem;
    /**
     * The body is not application/json (nor multipart/form-data where the operation takes it).
     */
    415: Problem;
    /**
     * Well-formed, but refused (for example a webhook URL that is not public).
     */
    422: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type UpdateMailboxError = UpdateMailboxErrors[keyof UpdateMailboxErrors];
export type UpdateMailboxResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: MailboxOut;
};
export type UpdateMailboxResponse = UpdateMailboxResponses[keyof UpdateMailboxResponses];
export type ListMessagesData = {
    body?: never;
    path: {
        mailbox_id: number;
    };
    query?: {
        /**
         * Order by this; subject ignores Re:/Fwd:.
         */
        sort?: 'received' | 'date' | 'size' | 'subject' | 'from';
        /**
         * Newest (largest) first, or last.
         */
        order?: 'desc' | 'asc';
        /**
         * From `next_cursor` of the previous page.
         */
        cursor?: string;
        /**
         * Page size.
         */
        limit?: number;
    };
    url: '/v1/mailboxes/{mailbox_id}/messages';
};
export type ListMessagesErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type ListMessagesError = ListMessagesErrors[keyof ListMessagesErrors];
export type ListMessagesResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: MessagePage;
};
export type ListMessagesResponse = ListMessagesResponses[keyof ListMessagesResponses];
export type DeleteMessageData = {
    body?: never;
    path: {
        message_id: number;
    };
    query?: {
        /**
         * Remove for good instead of moving to Trash.
         */
        permanent?: boolean;
    };
    url: '/v1/messages/{message_id}';
};
export type DeleteMessageErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type DeleteMessageError = DeleteMessageErrors[keyof DeleteMessageErrors];
export type DeleteMessageResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: DeleteResult;
};
export type DeleteMessageResponse = DeleteMessageResponses[keyof DeleteMessageResponses];
export type GetMessageData = {
    body?: never;
    path: {
        message_id: number;
    };
    query?: {
        /**
         * `blocked`: the HTML loads nothing by itself (remote images lose their `src`); `remote_resources` lists what it would load either way.
         */
        remote?: 'allowed' | 'blocked';
    };
    url: '/v1/messages/{message_id}';
};
export type GetMessageErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type GetMessageError = GetMessageErrors[keyof GetMessageErrors];
export type GetMessageResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: MessageDetail;
};
export type GetMessageResponse = GetMessageResponses[keyof GetMessageResponses];
export type UpdateMessageData = {
    body: MessageUpdate;
    path: {
        message_id: number;
    };
    query?: never;
    url: '/v1/messages/{message_id}';
};
export type UpdateMessageErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * The body is not application/json (nor multipart/form-data where the operation takes it).
     */
    415: Problem;
    /**
     * Well-formed, but refused (for example a webhook URL that is not public).
     */
    422: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type UpdateMessageError = UpdateMessageErrors[keyof UpdateMessageErrors];
export type UpdateMessageResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: MessageItem;
};
export type UpdateMessageResponse = UpdateMessageResponses[keyof UpdateMessageResponses];
export type DeleteMessagesData = {
    body: BulkDelete;
    path?: never;
    query?: never;
    url: '/v1/messages/delete';
};
export type DeleteMessagesErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * An id is not a message of this account; nothing was changed.
     */
    404: Problem;
    /**
     * The body is not application/json (nor multipart/form-data where the operation takes it).
     */
    415: Problem;
    /**
     * Well-formed, but refused (for example a webhook URL that is not public).
     */
    422: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type DeleteMessagesError = DeleteMessagesErrors[keyof DeleteMessagesErrors];
export type DeleteMessagesResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: DeleteResult;
};
export type DeleteMessagesResponse = DeleteMessagesResponses[keyof DeleteMessagesResponses];
export type GetMessagePartData = {
    body?: never;
    path: {
        message_id: number;
        part_path: string;
    };
    query?: never;
    url: '/v1/messages/{message_id}/parts/{part_path}';
};
export type GetMessagePartErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type GetMessagePartError = GetMessagePartErrors[keyof GetMessagePartErrors];
export type GetMessagePartResponses = {
    /**
     * The decoded part; Content-Type is the part's own, Content-Disposition names its file.
     */
    200: Blob | File;
};
export type GetMessagePartResponse = GetMessagePartResponses[keyof GetMessagePartResponses];
export type GetMessageRawData = {
    body?: never;
    path: {
        message_id: number;
    };
    query?: never;
    url: '/v1/messages/{message_id}/raw';
};
export type GetMessageRawErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type GetMessageRawError = GetMessageRawErrors[keyof GetMessageRawErrors];
export type GetMessageRawResponses = {
    /**
     * The message as stored.
     */
    200: Blob | File;
};
export type GetMessageRawResponse = GetMessageRawResponses[keyof GetMessageRawResponses];
export type SearchMessagesData = {
    body?: never;
    path?: never;
    query?: {
        /**
         * Words anywhere (subject, addresses, text); `invo*` for a prefix.
         */
        q?: string;
        /**
         * Words in From/Sender.
         */
        from?: string;
        /**
         * Words in To/Cc/Bcc.
         */
        to?: string;
        /**
         * Words in the subject.
         */
        subject?: string;
        /**
         * Words in the text.
         */
        body?: string;
        /**
         * Only in this mailbox.
         */
        mailbox_id?: number;
        /**
         * Only in this thread.
         */
        thread_id?: number;
        /**
         * Received at or after.
         */
        since?: string;
        /**
         * Received before.
         */
        before?: string;
        /**
         * Has this flag; repeat for several.
         */
        flag?: Array<'seen' | 'answered' | 'flagged' | 'deleted' | 'draft'>;
        /**
         * Lacks this flag (`not_flag=seen`: unread).
         */
        not_flag?: Array<'seen' | 'answered' | 'flagged' | 'deleted' | 'draft'>;
        /**
         * Has this keyword.
         */
        keyword?: string;
        /**
         * With (or without) attachments.
         */
        has_attachment?: boolean;
        /**
         * From `next_cursor` of the previous page.
         */
        cursor?: string;
        /**
         * Page size.
         */
        limit?: number;
    };
    url: '/v1/messages';
};
export type SearchMessagesErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type SearchMessagesError = SearchMessagesErrors[keyof SearchMessagesErrors];
export type SearchMessagesResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: MessagePage;
};
export type SearchMessagesResponse = SearchMessagesResponses[keyof SearchMessagesResponses];
export type UpdateMessagesData = {
    body: BulkUpdate;
    path?: never;
    query?: never;
    url: '/v1/messages/update';
};
export type UpdateMessagesErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * An id is not a message of this account; nothing was changed.
     */
    404: Problem;
    /**
     * The body is not application/json (nor multipart/form-data where the operation takes it).
     */
    415: Problem;
    /**
     * Well-formed, but refused (for example a webhook URL that is not public).
     */
    422: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type UpdateMessagesError = UpdateMessagesErrors[keyof UpdateMessagesErrors];
export type UpdateMessagesResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: UpdateResult;
};
export type UpdateMessagesResponse = UpdateMessagesResponses[keyof UpdateMessagesResponses];
export type GetThreadData = {
    body?: never;
    path: {
        thread_id: number;
    };
    query?: never;
    url: '/v1/threads/{thread_id}';
};
export type GetThreadErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type GetThreadError = GetThreadErrors[keyof GetThreadErrors];
export type GetThreadResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: ThreadOut;
};
export type GetThreadResponse = GetThreadResponses[keyof GetThreadResponses];
export type StreamEventsData = {
    body?: never;
    headers?: {
        /**
         * Resume after this event id (a modseq).
         */
        'Last-Event-ID'?: string;
    };
    path?: never;
    query?: {
        /**
         * Resume after this modseq (when the header cannot be set).
         */
        since?: number;
    };
    url: '/v1/events';
};
export type StreamEventsErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type StreamEventsError = StreamEventsErrors[keyof StreamEventsErrors];
export type StreamEventsResponses = {
    /**
     * An endless text/event-stream; each event's data is a ChangeOut.
     */
    200: string;
};
export type StreamEventsResponse = StreamEventsResponses[keyof StreamEventsResponses];
export type CreateDraftData = {
    body: DraftRequest;
    path?: never;
    query?: never;
    url: '/v1/drafts';
};
export type CreateDraftErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * The resource is not in a state that allows this.
     */
    409: Problem;
    /**
     * The body is not application/json (nor multipart/form-data where the operation takes it).
     */
    415: Problem;
    /**
     * Well-formed, but refused (for example a webhook URL that is not public).
     */
    422: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type CreateDraftError = CreateDraftErrors[keyof CreateDraftErrors];
export type CreateDraftResponses = {
    /**
     * Document created, URL follows
     */
    201: DraftOut;
};
export type CreateDraftResponse = CreateDraftResponses[keyof CreateDraftResponses];
export type UpdateDraftData = {
    body: DraftRequest;
    path: {
        draft_id: number;
    };
    query?: never;
    url: '/v1/drafts/{draft_id}';
};
export type UpdateDraftErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * No such resource in this account.
     */
    404: Problem;
    /**
     * The resource is not in a state that allows this.
     */
    409: Problem;
    /**
     * The body is not application/json (nor multipart/form-data where the operation takes it).
     */
    415: Problem;
    /**
     * Well-formed, but refused (for example a webhook URL that is not public).
     */
    422: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type UpdateDraftError = UpdateDraftErrors[keyof UpdateDraftErrors];
export type UpdateDraftResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: DraftOut;
};
export type UpdateDraftResponse = UpdateDraftResponses[keyof UpdateDraftResponses];
export type CreateSessionData = {
    body: Login;
    path?: never;
    query?: never;
    url: '/v1/sessions';
};
export type CreateSessionErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * The body is not application/json (nor multipart/form-data where the operation takes it).
     */
    415: Problem;
    /**
     * Well-formed, but refused (for example a webhook URL that is not public).
     */
    422: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type CreateSessionError = CreateSessionErrors[keyof CreateSessionErrors];
export type CreateSessionResponses = {
    /**
     * Document created, URL follows
     */
    201: SessionOut;
};
export type CreateSessionResponse = CreateSessionResponses[keyof CreateSessionResponses];
export type DeleteSessionData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/v1/sessions/current';
};
export type DeleteSessionErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type DeleteSessionError = DeleteSessionErrors[keyof DeleteSessionErrors];
export type DeleteSessionResponses = {
    /**
     * Request fulfilled, nothing follows
     */
    204: null;
};
export type DeleteSessionResponse = DeleteSessionResponses[keyof DeleteSessionResponses];
export type GetSessionData = {
    body?: never;
    path?: never;
    query?: never;
    url: '/v1/sessions/current';
};
export type GetSessionErrors = {
    /**
     * The request is malformed or a field is invalid (`errors` names the fields).
     */
    400: Problem;
    /**
     * No or wrong credentials.
     */
    401: Problem;
    /**
     * The credentials lack the scope this needs, a browser sent Basic credentials from another site, or a request with a session cookie that changes something lacks its X-CSRF-Token (`csrf_failed`).
     */
    403: Problem;
    /**
     * Too many failed authentications; see Retry-After.
     */
    429: Problem;
};
export type GetSessionError = GetSessionErrors[keyof GetSessionErrors];
export type GetSessionResponses = {
    /**
     * Request fulfilled, document follows
     */
    200: SessionOut;
};
export type GetSessionResponse = GetSessionResponses[keyof GetSessionResponses];
export type OutgoingWebhookWebhookPayload = OutgoingEvent;
export type OutgoingWebhookWebhookRequest = {
    body: OutgoingWebhookWebhookPayload;
    key: 'outgoing';
    path?: never;
    query?: never;
};
export type IncomingWebhookWebhookPayload = IncomingEvent;
export type IncomingWebhookWebhookRequest = {
    body: IncomingWebhookWebhookPayload;
    key: 'incoming';
    path?: never;
    query?: never;
};
export type TestWebhookWebhookPayload = TestEvent;
export type TestWebhookWebhookRequest = {
    body: TestWebhookWebhookPayload;
    key: 'test';
    path?: never;
    query?: never;
};
