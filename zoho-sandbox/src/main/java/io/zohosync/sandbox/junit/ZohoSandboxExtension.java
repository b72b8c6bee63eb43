package io.zohosync.sandbox.junit;

import io.vertx.core.Vertx;
import io.zohosync.sandbox.RunningSandbox;
import io.zohosync.sandbox.SandboxControl;
import io.zohosync.sandbox.SandboxInspection;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension: one {@link ZohoSandbox} per test class, started before the class's first test (or first
 * parameter that asks for it) and closed after its last, shared by its {@code @Nested} classes. Reset before every
 * test unless told otherwise ({@link SandboxControl#reset()}: no records or counts, the start options again; tokens
 * and the port stay). Test constructors, test methods and lifecycle methods get a {@link ZohoSandbox},
 * {@link SandboxControl} or {@link SandboxInspection} parameter.
 *
 * <p>Declare it with {@code @ZohoSandboxTest(...)} (or {@code @ExtendWith(ZohoSandboxExtension.class)} for the
 * defaults), or register it in a static field for any {@link SandboxOptions}:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ZohoSandboxExtension zoho =
 *         ZohoSandboxExtension.withOptions(SandboxOptions.defaults().withStrict(true));
 * }</pre>
 *
 * A non-static field gives each test a sandbox of its own. The sandbox runs on a Vert.x instance of its own, closed
 * with it, unless one is given with {@link #onVertx}.
 */
public final class ZohoSandboxExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(ZohoSandboxExtension.class);
    private static final Set<Class<?>> INJECTED =
            Set.of(ZohoSandbox.class, SandboxControl.class, SandboxInspection.class);

    private final SandboxOptions options;
    private final Boolean resetBetweenTests;
    private final Vertx vertx;
    private volatile ZohoSandbox current;

    /** For {@code @ExtendWith}: the options of the class's {@link ZohoSandboxTest}, or the defaults. */
    public ZohoSandboxExtension() {
        this(null, null, null);
    }

    private ZohoSandboxExtension(SandboxOptions options, Boolean resetBetweenTests, Vertx vertx) {
        this.options = options;
        this.resetBetweenTests = resetBetweenTests;
        this.vertx = vertx;
    }

    /** For {@code @RegisterExtension}: a sandbox started with {@code options}, reset before every test. */
    public static ZohoSandboxExtension withOptions(SandboxOptions options) {
        return new ZohoSandboxExtension(Objects.requireNonNull(options, "options"), true, null);
    }

    /** Whether the sandbox is reset before every test (true unless told otherwise). */
    public ZohoSandboxExtension resetBetweenTests(boolean reset) {
        return new ZohoSandboxExtension(options, reset, vertx);
    }

    /** Runs the sandbox on the caller's Vert.x instance, which the extension leaves open. */
    public ZohoSandboxExtension onVertx(Vertx vertx) {
        return new ZohoSandboxExtension(options, resetBetweenTests, Objects.requireNonNull(vertx, "vertx"));
    }

    /** The running sandbox (from a static field: once the class's tests have begun). */
    public ZohoSandbox sandbox() {
        ZohoSandbox sandbox = current;
        if (sandbox == null) throw new IllegalStateException("the Zoho sandbox runs only while its test class does");
        return sandbox;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Running running = running(context);
        if (running.resetBetweenTests()) running.sandbox().control().reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return INJECTED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ZohoSandbox sandbox = running(context).sandbox();
        Class<?> type = parameter.getParameter().getType();
        if (type == SandboxControl.class) return sandbox.control();
        if (type == SandboxInspection.class) return sandbox.inspect();
        return sandbox;
    }

    /** The sandbox of this context or an enclosing one, started in this context if there is none. */
    private Running running(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(this, key -> start(context), Running.class);
    }

    private Running start(ExtensionContext context) {
        Optional<ZohoSandboxTest> annotation = annotation(context);
        SandboxOptions chosen = options != null
                ? options
                : annotation.map(ZohoSandboxExtension::options).orElseGet(SandboxOptions::defaults);
        boolean reset = resetBetweenTests != null
                ? resetBetweenTests
                : annotation.map(ZohoSandboxTest::resetBetweenTests).orElse(true);
        Running running;
        if (vertx == null) {
            RunningSandbox own = ZohoSandbox.startBlocking(chosen);
            running = new Running(this, own.sandbox(), own::close, reset);
        } else {
            ZohoSandbox sandbox = ZohoSandbox.start(vertx, chosen).await();
            running = new Running(this, sandbox, () -> close(sandbox), reset);
        }
        current = running.sandbox();
        return running;
    }

    /** Closes a sandbox on the user's Vert.x, which may have been closed already (in an {@code @AfterAll} method). */
    private static void close(ZohoSandbox sandbox) {
        try {
            sandbox.close().await();
        } catch (RejectedExecutionException closedWithItsVertx) {
            // the sandbox stopped when its Vert.x did
        }
    }

    /** The nearest {@link ZohoSandboxTest} on the test class or the classes enclosing it. */
    private static Optional<ZohoSandboxTest> annotation(ExtensionContext context) {
        for (Class<?> type = context.getTestClass().orElse(null); type != null; type = type.getEnclosingClass()) {
            Optional<ZohoSandboxTest> found = AnnotationSupport.findAnnotation(type, ZohoSandboxTest.class);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    static SandboxOptions options(ZohoSandboxTest annotation) {
        return SandboxOptions.defaults()
                .withPort(annotation.port())
                .withOrganizationId(annotation.organizationId())
                .withStrict(annotation.strict())
                .withTimeScale(annotation.timeScale())
                .withBooksPerMinute(annotation.booksPerMinute())
                .withDailyLimit(annotation.dailyLimit())
                .withConcurrency(annotation.concurrency())
                .withLatency(Duration.ofMillis(annotation.latencyMillis()));
    }

    /** A started sandbox kept in the store of the context that started it, which closes it when the context ends. */
    private record Running(
            ZohoSandboxExtension owner, ZohoSandbox sandbox, AutoCloseable stop, boolean resetBetweenTests)
            implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws Exception {
            if (owner.current == sandbox) owner.current = null;
            stop.close();
        }
    }
}
