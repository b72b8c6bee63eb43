package io.zohosync.bootstrap;

import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture of every module's main code, checked on each build (this module's test
 * classpath is the only one that sees them all). Plain JUnit tests calling {@code check}, so a
 * violation fails the build with ArchUnit's report.
 */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainCode() {
        main = new ClassFileImporter().withImportOption(new MainCodeOnly()).importPackages("io.zohosync");
    }

    @Test
    void every_module_is_present() {
        assertThat(main.stream().map(c -> c.getPackageName().split("\\.")[2]).distinct())
                .contains("domain", "ports", "adapters", "sandbox", "bootstrap");
    }

    @Test
    void modules_depend_only_inward() {
        ArchitectureRules.MODULE_LAYERS.check(main);
    }

    @Test
    void domain_uses_only_the_jdk() {
        ArchitectureRules.DOMAIN_IS_PURE.check(main);
    }

    @Test
    void ports_use_only_future_and_promise_from_vertx() {
        ArchitectureRules.PORTS_USE_ONLY_FUTURE.check(main);
    }

    @Test
    void sandbox_shares_nothing_with_the_service() {
        ArchitectureRules.SANDBOX_STANDS_ALONE.check(main);
    }

    @Test
    void adapters_do_not_depend_on_each_other() {
        ArchitectureRules.ADAPTERS_INDEPENDENT.check(main);
    }

    @Test
    void packages_are_free_of_cycles() {
        ArchitectureRules.NO_CYCLES.check(main);
    }

    @Test
    void no_standard_streams_generic_exceptions_or_java_util_logging() {
        NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(main);
        NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(main);
        NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING.check(main);
    }

    /** Main code of every module: no test classes, no test-jars. */
    static final class MainCodeOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/test-classes/") && !location.contains("-tests.jar");
        }
    }
}
