import { type Client } from "./generated/client/index.js";
export type Credentials = {
    apiKey: string;
} | {
    username: string;
    password: string;
};
/** A client for the generated functions (pass it as `client`): an API key (Bearer) or an
 * account's address and password (Basic). */
export declare function connect(baseUrl: string, credentials: Credentials): Client;
