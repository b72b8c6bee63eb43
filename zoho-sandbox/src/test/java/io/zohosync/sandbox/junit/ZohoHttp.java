package io.zohosync.sandbox.junit;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Test helper: the JDK's HTTP client speaking to a sandbox as a user's Zoho client would (OAuth refresh, then Books). */
final class ZohoHttp {
    /** One answer: status and body. */
    record Answer(int status, String body) {
        JsonObject json() {
            return new JsonObject(body);
        }
    }

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String organizationId;

    ZohoHttp(String baseUrl, String organizationId) {
        this.baseUrl = baseUrl;
        this.organizationId = organizationId;
    }

    /** The refresh grant: an access token, or the failure Zoho answers with HTTP 200. */
    Answer refresh(String clientId, String clientSecret, String refreshToken) {
        String form = "grant_type=refresh_token&client_id=" + encode(clientId) + "&client_secret="
                + encode(clientSecret) + "&refresh_token=" + encode(refreshToken);
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/v2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    String accessToken(String clientId, String clientSecret, String refreshToken) {
        Answer answer = refresh(clientId, clientSecret, refreshToken);
        String token = answer.json().getString("access_token");
        if (token == null) throw new AssertionError("no access token: " + answer.body());
        return token;
    }

    /** {@code POST /books/v3/contacts} with one contact person. */
    Answer createContact(String token, String name, String email) {
        JsonObject contact = new JsonObject()
                .put("contact_name", name)
                .put("contact_persons", new JsonArray().add(new JsonObject().put("email", email)));
        return send(books(token, "/contacts")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(contact.encode())));
    }

    Answer getContact(String token, String contactId) {
        return send(books(token, "/contacts/" + contactId).GET());
    }

    /** {@code GET /books/v3<pathAndQuery>}, the organization id added. */
    Answer get(String token, String pathAndQuery) {
        return send(books(token, pathAndQuery).GET());
    }

    /** A Books request with the token and the organization id. */
    private HttpRequest.Builder books(String token, String path) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/books/v3" + path + (path.contains("?") ? "&" : "?")
                        + "organization_id=" + encode(organizationId)))
                .header("Authorization", "Zoho-oauthtoken " + token);
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response =
                    HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Whether nothing accepts connections on 127.0.0.1:{@code port} within two seconds (a closed server's socket
     * may be released just after its close has completed).
     */
    static boolean stopsListening(int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (listening(port)) {
            if (System.nanoTime() > deadline) return false;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
