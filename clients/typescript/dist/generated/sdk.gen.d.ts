import type { Client, ClientMeta, Options as Options2, RequestResult, TDataShape } from './client/index.js';
import type { AddHoldRuleData, AddHoldRuleErrors, AddHoldRuleResponses, AddSuppressionData, AddSuppressionErrors, AddSuppressionResponses, CancelOutboundData, CancelOutboundErrors, CancelOutboundResponses, CreateApiKeyData, CreateApiKeyErrors, CreateApiKeyResponses, GetHealthData, GetHealthResponses, GetOutboundData, GetOutboundErrors, GetOutboundResponses, GetServiceData, GetServiceResponses, GetSuppressionData, GetSuppressionErrors, GetSuppressionResponses, GetWebhookDeliveryData, GetWebhookDeliveryErrors, GetWebhookDeliveryResponses, GetWebhooksData, GetWebhooksErrors, GetWebhooksResponses, ListApiKeysData, ListApiKeysErrors, ListApiKeysResponses, ListHoldRulesData, ListHoldRulesErrors, ListHoldRulesResponses, ListOutboundData, ListOutboundErrors, ListOutboundResponses, ListSuppressionsData, ListSuppressionsErrors, ListSuppressionsResponses, ListWebhookDeliveriesData, ListWebhookDeliveriesErrors, ListWebhookDeliveriesResponses, ReleaseOutboundData, ReleaseOutboundErrors, ReleaseOutboundResponses, RemoveHoldRuleData, RemoveHoldRuleErrors, RemoveHoldRuleResponses, RemoveSuppressionData, RemoveSuppressionErrors, RemoveSuppressionResponses, RetryOutboundData, RetryOutboundErrors, RetryOutboundResponses, RetryWebhookDeliveryData, RetryWebhookDeliveryErrors, RetryWebhookDeliveryResponses, RevokeApiKeyData, RevokeApiKeyErrors, RevokeApiKeyResponses, RotateWebhookSecretData, RotateWebhookSecretErrors, RotateWebhookSecretResponses, SendBatchData, SendBatchErrors, SendBatchResponses, SendData, SendErrors, SendResponses, SetWebhooksData, SetWebhooksErrors, SetWebhooksResponses, TestWebhooksData, TestWebhooksErrors, TestWebhooksResponses } from './types.gen.js';
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
 * Health check
 */
export declare const getHealth: <ThrowOnError extends boolean = false>(options?: Options<GetHealthData, ThrowOnError>) => RequestResult<GetHealthResponses, unknown, ThrowOnError>;
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
 * Set the webhook URLs and events
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
