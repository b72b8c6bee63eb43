package io.zohosync.sandbox.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.vertx.core.Vertx;
import io.zohosync.sandbox.SandboxOptions;
import io.zohosync.sandbox.ZohoSandbox;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Issue 15: when the extension starts and closes sandboxes, checked by running fixture classes (nested here, so the
 * build does not run them by themselves) with JUnit's test kit.
 */
class ExtensionLifecycleTest {
    /** The sandboxes the fixtures saw, in order. */
    static final List<ZohoSandbox> SEEN = new CopyOnWriteArrayList<>();

    @Test
    void theClassesSandboxIsClosedAfterItsLastTest() {
        run(Declared.class, 2);

        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(1)).isSameAs(SEEN.get(0));
        assertThat(ZohoHttp.stopsListening(SEEN.get(0).port())).isTrue();
    }

    @Test
    void aPerClassInstanceGetsTheSandboxInItsConstructorAndBeforeAll() {
        run(PerClassInstance.class, 1);

        assertThat(SEEN).hasSize(3).containsOnly(SEEN.get(0));
        assertThat(ZohoHttp.stopsListening(SEEN.get(0).port())).isTrue();
    }

    @Test
    void aNonStaticFieldGivesEachTestItsOwnSandbox() {
        run(PerTestField.class, 2);

        assertThat(SEEN).hasSize(2);
        assertThat(SEEN.get(1)).isNotSameAs(SEEN.get(0));
        assertThat(ZohoHttp.stopsListening(SEEN.get(1).port())).isTrue();
    }

    @Test
    void theUsersVertxIsLeftOpen() {
        run(OnUsersVertx.class, 1);

        assertThat(ZohoHttp.stopsListening(SEEN.get(0).port())).isTrue();
        assertThat(OnUsersVertx.VERTX.setTimer(1, id -> {}))
                .as("the Vert.x instance still works")
                .isNotNegative();
        OnUsersVertx.VERTX.close().await();
    }

    @Test
    void theAnnotationsDefaultsAreTheSandboxDefaults() {
        assertThat(ZohoSandboxExtension.options(Declared.class.getAnnotation(ZohoSandboxTest.class)))
                .isEqualTo(SandboxOptions.defaults());
    }

    @Test
    void aRegisteredExtensionTellsWhenItsSandboxIsNotRunning() {
        assertThatThrownBy(() -> ZohoSandboxExtension.withOptions(SandboxOptions.defaults())
                        .sandbox())
                .isInstanceOf(IllegalStateException.class);
    }

    private static void run(Class<?> fixture, int tests) {
        SEEN.clear();
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(fixture))
                .execute();
        results.containerEvents().assertStatistics(stats -> stats.failed(0).aborted(0));
        results.testEvents().assertStatistics(stats -> stats.started(tests).succeeded(tests));
    }

    @ZohoSandboxTest
    static class Declared {
        @Test
        void one(ZohoSandbox sandbox) {
            SEEN.add(sandbox);
        }

        @Test
        void two(ZohoSandbox sandbox) {
            SEEN.add(sandbox);
        }
    }

    @ExtendWith(ZohoSandboxExtension.class)
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    static class PerClassInstance {
        PerClassInstance(ZohoSandbox sandbox) {
            SEEN.add(sandbox);
        }

        @BeforeAll
        void beforeAll(ZohoSandbox sandbox) {
            SEEN.add(sandbox);
        }

        @Test
        void test(ZohoSandbox sandbox) {
            SEEN.add(sandbox);
        }
    }

    static class PerTestField {
        @RegisterExtension
        final ZohoSandboxExtension zoho = ZohoSandboxExtension.withOptions(SandboxOptions.defaults());

        @Test
        void one() {
            SEEN.add(zoho.sandbox());
        }

        @Test
        void two() {
            SEEN.add(zoho.sandbox());
        }
    }

    static class OnUsersVertx {
        static final Vertx VERTX = Vertx.vertx();

        @RegisterExtension
        static final ZohoSandboxExtension ZOHO =
                ZohoSandboxExtension.withOptions(SandboxOptions.defaults()).onVertx(VERTX);

        @Test
        void test(ZohoSandbox sandbox) {
            SEEN.add(sandbox);
        }
    }
}
