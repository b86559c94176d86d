import { createClient, createConfig } from "./generated/client/index.js";
/** A client for the generated functions (pass it as `client`): an API key (Bearer) or an
 * account's address and password (Basic). */
export function connect(baseUrl, credentials) {
    const authorization = "apiKey" in credentials
        ? `Bearer ${credentials.apiKey}`
        : `Basic ${btoa(`${credentials.username}:${credentials.password}`)}`;
    return createClient(createConfig({ baseUrl, headers: { Authorization: authorization } }));
}
