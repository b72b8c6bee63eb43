package io.zohosync.bootstrap.reliability;

import io.zohosync.bootstrap.ServiceContract;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The platform's side: posts facts over HTTP as a platform would, with an API key and a bounded wait; keeps what in the
 * answers the service's OpenAPI document does not allow.
 */
final class Platform {

    /** What one post got: an HTTP status and its {@code Retry-After}, or none when the connection failed. */
    record Answer(int status, Optional<String> retryAfter, String body) {
        boolean acknowledged() {
            return status >= 200 && status < 300;
        }

        boolean noAnswer() {
            return status == 0;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String apiKey;
    /** What in the answers the service's OpenAPI document does not allow. */
    private final List<String> violations = new CopyOnWriteArrayList<>();

    Platform(String apiKey) {
        this.apiKey = apiKey;
    }

    /** Every answer so far that is not as the service's OpenAPI document says, with what the validator found. */
    List<String> violations() {
        return List.copyOf(violations);
    }

    /** Posts {@code fact} to the service on {@code port}; a refused, reset or timed-out connection is {@link Answer#noAnswer}. */
    Answer post(int port, Fact fact) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/" + fact.collection()))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(fact.body()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            violations.addAll(ServiceContract.violations(new ServiceContract.Exchange(
                    request.method(),
                    request.uri().getRawPath(),
                    request.headers().map(),
                    fact.body(),
                    response.statusCode(),
                    response.headers().map(),
                    response.body())));
            return new Answer(response.statusCode(), response.headers().firstValue("Retry-After"), response.body());
        } catch (IOException e) {
            return new Answer(0, Optional.empty(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, Optional.empty(), "interrupted");
        }
    }
}
