package io.zohosync.sandbox.junit;

import io.zohosync.sandbox.SandboxOptions;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against one Zoho sandbox ({@link ZohoSandboxExtension}) started with these options; the defaults
 * are {@link SandboxOptions#defaults()}. Options this annotation does not name (credentials, error rate, data
 * centre) are set with {@code @RegisterExtension} and {@link ZohoSandboxExtension#withOptions}.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(ZohoSandboxExtension.class)
public @interface ZohoSandboxTest {
    /** Refuse what Zoho's documents do not allow (undocumented query parameters, bodies where none is taken…). */
    boolean strict() default false;

    /** Sandbox seconds per real second: 60 makes a Zoho minute pass in one second. */
    double timeScale() default 1;

    /** Books requests per minute per organization (429, code 44). */
    int booksPerMinute() default 100;

    /** Requests per day per organization and product (429, code 45). */
    int dailyLimit() default 1000;

    /** Requests in process at once per organization (429, code 1070). */
    int concurrency() default 10;

    /** Delay before every API answer. */
    long latencyMillis() default 0;

    /** The Books, Billing and Inventory organization id. */
    String organizationId() default SandboxOptions.DEMO_ORGANIZATION_ID;

    /** The port on 127.0.0.1; 0 takes a free one. */
    int port() default 0;

    /**
     * Reset the sandbox before every test ({@link io.zohosync.sandbox.SandboxControl#reset()}): each test starts with
     * no records, no counts and the options above. False lets a class's tests build on one another.
     */
    boolean resetBetweenTests() default true;
}
