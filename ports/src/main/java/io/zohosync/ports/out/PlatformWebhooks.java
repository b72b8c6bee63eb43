package io.zohosync.ports.out;

import io.vertx.core.Future;

/**
 * Outbound port: the platform's webhook endpoint. {@link #post} sends one signed request and answers what came back;
 * it fails when no answer came (refused, reset, timed out), with a message that names no secret.
 */
public interface PlatformWebhooks {

    /** The Standard Webhooks headers and the JSON body, sent as they are: the body is exactly the signed text. */
    record SignedRequest(String id, long timestamp, String signature, String body) {}

    /** The answer's status and the start of its body (for the delivery log). */
    record Answer(int status, String body) {
        public boolean delivered() {
            return status / 100 == 2;
        }
    }

    Future<Answer> post(SignedRequest request);
}
