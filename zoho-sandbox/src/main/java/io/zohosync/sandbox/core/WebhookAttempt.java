package io.zohosync.sandbox.core;

/**
 * One POST of an outbound webhook as the sandbox made it: the event, where it went, the exact body and
 * signature sent, which attempt it was and the answer ({@code status} 0 when no HTTP answer came).
 */
public record WebhookAttempt(String product, String eventId, String eventType, String url, String body,
    String signature, int attempt, int status, boolean delivered) {}
