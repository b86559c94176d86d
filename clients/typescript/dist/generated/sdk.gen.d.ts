import type { Client, ClientMeta, Options as Options2, RequestResult, ServerSentEventsResult, TDataShape } from './client/index.js';
import type { AddHoldRuleData, AddHoldRuleErrors, AddHoldRuleResponses, AddSuppressionData, AddSuppressionErrors, AddSuppressionResponses, CancelOutboundData, CancelOutboundErrors, CancelOutboundResponses, CreateApiKeyData, CreateApiKeyErrors, CreateApiKeyResponses, CreateDraftData, CreateDraftErrors, CreateDraftResponses, CreateMailboxData, CreateMailboxErrors, CreateMailboxResponses, CreateSessionData, CreateSessionErrors, CreateSessionResponses, DeleteMailboxData, DeleteMailboxErrors, DeleteMailboxResponses, DeleteMessageData, DeleteMessageErrors, DeleteMessageResponses, DeleteMessagesData, DeleteMessagesErrors, DeleteMessagesResponses, DeleteSessionData, DeleteSessionErrors, DeleteSessionResponses, GetHealthData, GetHealthErrors, GetHealthResponses, GetLivenessData, GetLivenessResponses, GetMailboxData, GetMailboxErrors, GetMailboxResponses, GetMessageData, GetMessageErrors, GetMessagePartData, GetMessagePartErrors, GetMessagePartResponses, GetMessageRawData, GetMessageRawErrors, GetMessageRawResponses, GetMessageResponses, GetOutboundData, GetOutboundErrors, GetOutboundResponses, GetServiceData, GetServiceResponses, GetSessionData, GetSessionErrors, GetSessionResponses, GetSuppressionData, GetSuppressionErrors, GetSuppressionResponses, GetSuppressionSettingsData, GetSuppressionSettingsErrors, GetSuppressionSettingsResponses, GetThreadData, GetThreadErrors, GetThreadResponses, GetWebhookDeliveryData, GetWebhookDeliveryErrors, GetWebhookDeliveryResponses, GetWebhooksData, GetWebhooksErrors, GetWebhooksResponses, ListApiKeysData, ListApiKeysErrors, ListApiKeysResponses, ListHoldRulesData, ListHoldRulesErrors, ListHoldRulesResponses, ListMailboxesData, ListMailboxesErrors, ListMailboxesResponses, ListMessagesData, ListMessagesErrors, ListMessagesResponses, ListOutboundData, ListOutboundErrors, ListOutboundResponses, ListSuppressionsData, ListSuppressionsErrors, ListSuppressionsResponses, ListWebhookDeliveriesData, ListWebhookDeliveriesErrors, ListWebhookDeliveriesResponses, ReleaseOutboundData, ReleaseOutboundErrors, ReleaseOutboundResponses, RemoveHoldRuleData, RemoveHoldRuleErrors, RemoveHoldRuleResponses, RemoveSuppressionData, RemoveSuppressionErrors, RemoveSuppressionResponses, RetryOutboundData, RetryOutboundErrors, RetryOutboundResponses, RetryWebhookDeliveryData, RetryWebhookDeliveryErrors, RetryWebhookDeliveryResponses, RevokeApiKeyData, RevokeApiKeyErrors, RevokeApiKeyResponses, RotateWebhookSecretData, RotateWebhookSecretErrors, RotateWebhookSecretResponses, SearchMessagesData, SearchMessagesErrors, SearchMessagesResponses, SendBatchData, SendBatchErrors, SendBatchResponses, SendData, SendErrors, SendResponses, SetSuppressionSettingsData, SetSuppressionSettingsErrors, SetSuppressionSettingsResponses, SetWebhooksData, SetWebhooksErrors, SetWebhooksResponses, StreamEventsData, StreamEventsResponse, StreamEventsResponses, TestWebhooksData, TestWebhooksErrors, TestWebhooksResponses, UpdateDraftData, UpdateDraftErrors, UpdateDraftResponses, UpdateMailboxData, UpdateMailboxErrors, UpdateMailboxResponses, UpdateMessageData, UpdateMessageErrors, UpdateMessageResponses, UpdateMessagesData, UpdateMessagesErrors, UpdateMessagesResponses, UpdateWebhooksData, UpdateWebhooksErrors, UpdateWebhooksResponses } from './types.gen.js';
export type Options<TData extends TDataShape = TDataShape, ThrowOnError extends boolean = boolean, TResponse = unknown> = Options2<TData, ThrowOnError, TResponse> & {
    /**
     * You can provide a client instance returned by `createClient()` instead of
     * individual options. This might be also useful if you want to implement a
     * custom client.
     */
    client?: Client;
    /**
     * You can pass arbitrary values through the `meta` object. This can be
     * used to access values that aren't defined as part of the SDK function.
     */
    meta?: keyof ClientMeta extends never ? Record<string, unknown> : ClientMeta;
};
/**
 * Readiness check
 */
export declare const getHealth: <ThrowOnError extends boolean = false>(options?: Options<GetHealthData, ThrowOnError>) => RequestResult<GetHealthResponses, GetHealthErrors, ThrowOnError>;
/**
 * Liveness check
 */
export declare const getLiveness: <ThrowOnError extends boolean = false>(options?: Options<GetLivenessData, ThrowOnError>) => RequestResult<GetLivenessResponses, unknown, ThrowOnError>;
/**
 * Service and version
 */
export declare const getService: <ThrowOnError extends boolean = false>(options?: Options<GetServiceData, ThrowOnError>) => RequestResult<GetServiceResponses, unknown, ThrowOnError>;
/**
 * Send up to 500 messages
 */
export declare const sendBatch: <ThrowOnError extends boolean = false>(options: Options<SendBatchData, ThrowOnError>) => RequestResult<SendBatchResponses, SendBatchErrors, ThrowOnError>;
/**
 * Send a message
 */
export declare const send: <ThrowOnError extends boolean = false>(options: Options<SendData, ThrowOnError>) => RequestResult<SendResponses, SendErrors, ThrowOnError>;
/**
 * Cancel
 */
export declare const cancelOutbound: <ThrowOnError extends boolean = false>(options: Options<CancelOutboundData, ThrowOnError>) => RequestResult<CancelOutboundResponses, CancelOutboundErrors, ThrowOnError>;
/**
 * Get one recipient
 */
export declare const getOutbound: <ThrowOnError extends boolean = false>(options: Options<GetOutboundData, ThrowOnError>) => RequestResult<GetOutboundResponses, GetOutboundErrors, ThrowOnError>;
/**
 * List sent messages' recipients
 */
export declare const listOutbound: <ThrowOnError extends boolean = false>(options?: Options<ListOutboundData, ThrowOnError>) => RequestResult<ListOutboundResponses, ListOutboundErrors, ThrowOnError>;
/**
 * Release from hold
 */
export declare const releaseOutbound: <ThrowOnError extends boolean = false>(options: Options<ReleaseOutboundData, ThrowOnError>) => RequestResult<ReleaseOutboundResponses, ReleaseOutboundErrors, ThrowOnError>;
/**
 * Attempt now
 */
export declare const retryOutbound: <ThrowOnError extends boolean = false>(options: Options<RetryOutboundData, ThrowOnError>) => RequestResult<RetryOutboundResponses, RetryOutboundErrors, ThrowOnError>;
/**
 * List suppressed addresses
 */
export declare const listSuppressions: <ThrowOnError extends boolean = false>(options?: Options<ListSuppressionsData, ThrowOnError>) => RequestResult<ListSuppressionsResponses, ListSuppressionsErrors, ThrowOnError>;
/**
 * Suppress an address
 */
export declare const addSuppression: <ThrowOnError extends boolean = false>(options: Options<AddSuppressionData, ThrowOnError>) => RequestResult<AddSuppressionResponses, AddSuppressionErrors, ThrowOnError>;
/**
 * Stop suppressing
 */
export declare const removeSuppression: <ThrowOnError extends boolean = false>(options: Options<RemoveSuppressionData, ThrowOnError>) => RequestResult<RemoveSuppressionResponses, RemoveSuppressionErrors, ThrowOnError>;
/**
 * Is this address suppressed?
 */
export declare const getSuppression: <ThrowOnError extends boolean = false>(options: Options<GetSuppressionData, ThrowOnError>) => RequestResult<GetSuppressionResponses, GetSuppressionErrors, ThrowOnError>;
/**
 * How suppressions match
 */
export declare const getSuppressionSettings: <ThrowOnError extends boolean = false>(options?: Options<GetSuppressionSettingsData, ThrowOnError>) => RequestResult<GetSuppressionSettingsResponses, GetSuppressionSettingsErrors, ThrowOnError>;
/**
 * Change how suppressions match
 */
export declare const setSuppressionSettings: <ThrowOnError extends boolean = false>(options: Options<SetSuppressionSettingsData, ThrowOnError>) => RequestResult<SetSuppressionSettingsResponses, SetSuppressionSettingsErrors, ThrowOnError>;
/**
 * List hold rules
 */
export declare const listHoldRules: <ThrowOnError extends boolean = false>(options?: Options<ListHoldRulesData, ThrowOnError>) => RequestResult<ListHoldRulesResponses, ListHoldRulesErrors, ThrowOnError>;
/**
 * Add a hold rule
 */
export declare const addHoldRule: <ThrowOnError extends boolean = false>(options: Options<AddHoldRuleData, ThrowOnError>) => RequestResult<AddHoldRuleResponses, AddHoldRuleErrors, ThrowOnError>;
/**
 * Remove a hold rule
 */
export declare const removeHoldRule: <ThrowOnError extends boolean = false>(options: Options<RemoveHoldRuleData, ThrowOnError>) => RequestResult<RemoveHoldRuleResponses, RemoveHoldRuleErrors, ThrowOnError>;
/**
 * List API keys
 */
export declare const listApiKeys: <ThrowOnError extends boolean = false>(options?: Options<ListApiKeysData, ThrowOnError>) => RequestResult<ListApiKeysResponses, ListApiKeysErrors, ThrowOnError>;
/**
 * Create an API key
 */
export declare const createApiKey: <ThrowOnError extends boolean = false>(options: Options<CreateApiKeyData, ThrowOnError>) => RequestResult<CreateApiKeyResponses, CreateApiKeyErrors, ThrowOnError>;
/**
 * Revoke an API key
 */
export declare const revokeApiKey: <ThrowOnError extends boolean = false>(options: Options<RevokeApiKeyData, ThrowOnError>) => RequestResult<RevokeApiKeyResponses, RevokeApiKeyErrors, ThrowOnError>;
/**
 * Get the webhook settings
 */
export declare const getWebhooks: <ThrowOnError extends boolean = false>(options?: Options<GetWebhooksData, ThrowOnError>) => RequestResult<GetWebhooksResponses, GetWebhooksErrors, ThrowOnError>;
/**
 * Change some webhook settings
 */
export declare const updateWebhooks: <ThrowOnError extends boolean = false>(options: Options<UpdateWebhooksData, ThrowOnError>) => RequestResult<UpdateWebhooksResponses, UpdateWebhooksErrors, ThrowOnError>;
/**
 * Replace the webhook settings
 */
export declare const setWebhooks: <ThrowOnError extends boolean = false>(options: Options<SetWebhooksData, ThrowOnError>) => RequestResult<SetWebhooksResponses, SetWebhooksErrors, ThrowOnError>;
/**
 * Rotate the signing secret
 */
export declare const rotateWebhookSecret: <ThrowOnError extends boolean = false>(options: Options<RotateWebhookSecretData, ThrowOnError>) => RequestResult<RotateWebhookSecretResponses, RotateWebhookSecretErrors, ThrowOnError>;
/**
 * Send a test event
 */
export declare const testWebhooks: <ThrowOnError extends boolean = false>(options?: Options<TestWebhooksData, ThrowOnError>) => RequestResult<TestWebhooksResponses, TestWebhooksErrors, ThrowOnError>;
/**
 * Get one webhook call
 */
export declare const getWebhookDelivery: <ThrowOnError extends boolean = false>(options: Options<GetWebhookDeliveryData, ThrowOnError>) => RequestResult<GetWebhookDeliveryResponses, GetWebhookDeliveryErrors, ThrowOnError>;
/**
 * List webhook calls
 */
export declare const listWebhookDeliveries: <ThrowOnError extends boolean = false>(options?: Options<ListWebhookDeliveriesData, ThrowOnError>) => RequestResult<ListWebhookDeliveriesResponses, ListWebhookDeliveriesErrors, ThrowOnError>;
/**
 * Call again now
 */
export declare const retryWebhookDelivery: <ThrowOnError extends boolean = false>(options: Options<RetryWebhookDeliveryData, ThrowOnError>) => RequestResult<RetryWebhookDeliveryResponses, RetryWebhookDeliveryErrors, ThrowOnError>;
/**
 * List mailboxes
 */
export declare const listMailboxes: <ThrowOnError extends boolean = false>(options?: Options<ListMailboxesData, ThrowOnError>) => RequestResult<ListMailboxesResponses, ListMailboxesErrors, ThrowOnError>;
/**
 * Create a mailbox
 */
export declare const createMailbox: <ThrowOnError extends boolean = false>(options: Options<CreateMailboxData, ThrowOnError>) => RequestResult<CreateMailboxResponses, CreateMailboxErrors, ThrowOnError>;
/**
 * Delete a mailbox
 */
export declare const deleteMailbox: <ThrowOnError extends boolean = false>(options: Options<DeleteMailboxData, ThrowOnError>) => RequestResult<DeleteMailboxResponses, DeleteMailboxErrors, ThrowOnError>;
/**
 * Get a mailbox
 */
export declare const getMailbox: <ThrowOnError extends boolean = false>(options: Options<GetMailboxData, ThrowOnError>) => RequestResult<GetMailboxResponses, GetMailboxErrors, ThrowOnError>;
/**
 * Rename or (un)subscribe
 */
export declare const updateMailbox: <ThrowOnError extends boolean = false>(options: Options<UpdateMailboxData, ThrowOnError>) => RequestResult<UpdateMailboxResponses, UpdateMailboxErrors, ThrowOnError>;
/**
 * List a mailbox's messages
 */
export declare const listMessages: <ThrowOnError extends boolean = false>(options: Options<ListMessagesData, ThrowOnError>) => RequestResult<ListMessagesResponses, ListMessagesErrors, ThrowOnError>;
/**
 * Delete a message
 */
export declare const deleteMessage: <ThrowOnError extends boolean = false>(options: Options<DeleteMessageData, ThrowOnError>) => RequestResult<DeleteMessageResponses, DeleteMessageErrors, ThrowOnError>;
/**
 * Read a message
 */
export declare const getMessage: <ThrowOnError extends boolean = false>(options: Options<GetMessageData, ThrowOnError>) => RequestResult<GetMessageResponses, GetMessageErrors, ThrowOnError>;
/**
 * Flag, tag or move a message
 */
export declare const updateMessage: <ThrowOnError extends boolean = false>(options: Options<UpdateMessageData, ThrowOnError>) => RequestResult<UpdateMessageResponses, UpdateMessageErrors, ThrowOnError>;
/**
 * Delete many messages
 */
export declare const deleteMessages: <ThrowOnError extends boolean = false>(options: Options<DeleteMessagesData, ThrowOnError>) => RequestResult<DeleteMessagesResponses, DeleteMessagesErrors, ThrowOnError>;
/**
 * Download a part
 */
export declare const getMessagePart: <ThrowOnError extends boolean = false>(options: Options<GetMessagePartData, ThrowOnError>) => RequestResult<GetMessagePartResponses, GetMessagePartErrors, ThrowOnError>;
/**
 * Download the message
 */
export declare const getMessageRaw: <ThrowOnError extends boolean = false>(options: Options<GetMessageRawData, ThrowOnError>) => RequestResult<GetMessageRawResponses, GetMessageRawErrors, ThrowOnError>;
/**
 * Search messages
 */
export declare const searchMessages: <ThrowOnError extends boolean = false>(options?: Options<SearchMessagesData, ThrowOnError>) => RequestResult<SearchMessagesResponses, SearchMessagesErrors, ThrowOnError>;
/**
 * Flag, tag or move many messages
 */
export declare const updateMessages: <ThrowOnError extends boolean = false>(options: Options<UpdateMessagesData, ThrowOnError>) => RequestResult<UpdateMessagesResponses, UpdateMessagesErrors, ThrowOnError>;
/**
 * A conversation
 */
export declare const getThread: <ThrowOnError extends boolean = false>(options: Options<GetThreadData, ThrowOnError>) => RequestResult<GetThreadResponses, GetThreadErrors, ThrowOnError>;
/**
 * Follow mail changes (Server-Sent Events)
 */
export declare const streamEvents: <ThrowOnError extends boolean = false>(options?: Options<StreamEventsData, ThrowOnError, StreamEventsResponse>) => Promise<ServerSentEventsResult<StreamEventsResponses>>;
/**
 * Save a draft
 */
export declare const createDraft: <ThrowOnError extends boolean = false>(options: Options<CreateDraftData, ThrowOnError>) => RequestResult<CreateDraftResponses, CreateDraftErrors, ThrowOnError>;
/**
 * Save a draft again
 */
export declare const updateDraft: <ThrowOnError extends boolean = false>(options: Options<UpdateDraftData, ThrowOnError>) => RequestResult<UpdateDraftResponses, UpdateDraftErrors, ThrowOnError>;
/**
 * Log in (a browser session)
 */
export declare const createSession: <ThrowOnError extends boolean = false>(options: Options<CreateSessionData, ThrowOnError>) => RequestResult<CreateSessionResponses, CreateSessionErrors, ThrowOnError>;
/**
 * Log out
 */
export declare const deleteSession: <ThrowOnError extends boolean = false>(options?: Options<DeleteSessionData, ThrowOnError>) => RequestResult<DeleteSessionResponses, DeleteSessionErrors, ThrowOnError>;
/**
 * The current session
 */
export declare const getSession: <ThrowOnError extends boolean = false>(options?: Options<GetSessionData, ThrowOnError>) => RequestResult<GetSessionResponses, GetSessionErrors, ThrowOnError>;
