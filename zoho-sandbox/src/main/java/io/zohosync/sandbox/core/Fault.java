package io.zohosync.sandbox.core;

/** A transport-level failure the sandbox can inject instead of answering a call. */
public enum Fault {
    /** HTTP 500 with Zoho's {@code {"code":1000,"message":"Internal error"}} body. */
    SERVER_ERROR,
    /** The connection is closed without a response. */
    CONNECTION_RESET,
    /** No response is ever sent; the client's own timeout must fire. */
    TIMEOUT,
    /** HTTP 429 in the product's own shape (CRM: {@code TOO_MANY_REQUESTS}), as when Zoho's concurrency limit is hit. */
    TOO_MANY_REQUESTS
}
