package io.zohosync.sandbox.core;

/**
 * One POST of an outbound webhook as the sandbox made it: the event, the webhook and where it went, the exact body and
 * signature sent, which attempt it was, the answer ({@code status} 0 when no HTTP answer came) and whether another will follow.
 */
public record WebhookAttempt(
        String product,
        String eventId,
        String eventType,
        String webhookId,
        String url,
        String body,
        String signature,
        int attempt,
        int status,
        boolean delivered,
        boolean retrying) {}
