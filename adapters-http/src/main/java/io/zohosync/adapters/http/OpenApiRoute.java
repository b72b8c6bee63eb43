package io.zohosync.adapters.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.yaml}: the OpenAPI document of this service's HTTP surface, as packaged in the jar; no
 * credential, as it holds none.
 */
public final class OpenApiRoute {

    public static final String PATH = "/openapi.yaml";
    /** The document on the class path. */
    public static final String RESOURCE = "openapi/zoho-sync.yaml";

    private OpenApiRoute() {}

    public static void mount(Router root) {
        Buffer document = Buffer.buffer(document());
        root.get(PATH)
                .handler(ctx -> ctx.response()
                        .putHeader("content-type", "application/yaml")
                        .end(document));
    }

    /** The document's bytes. */
    public static byte[] document() {
        try (InputStream in = OpenApiRoute.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
