package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/** The service's logging set in code, in place of the XML file the jar used to carry (issue 14, goal 5). */
class ServiceLoggingTest {

    @Test
    void logbackFindsItAsAConfigurator() {
        assertThat(StreamSupport.stream(ServiceLoader.load(Configurator.class).spliterator(), false)
                        .map(Object::getClass))
                .contains(ServiceLogging.class);
    }

    @Test
    void oneLinePerEventOnStandardOutputTheServiceAtInfoTheRestAtWarn() {
        LoggerContext context = new LoggerContext();

        ServiceLogging.apply(context, null);

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        var out = (ConsoleAppender<ILoggingEvent>) root.getAppender("OUT");
        assertThat(out.isStarted()).isTrue();
        assertThat(out.getTarget()).isEqualTo("System.out");
        assertThat(((PatternLayoutEncoder) out.getEncoder()).getPattern()).isEqualTo(ServiceLogging.PATTERN);
        assertThat(context.getLogger("io.zohosync").getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.zohosync.bootstrap.Main").getEffectiveLevel())
                .isEqualTo(Level.INFO);
        assertThat(context.getLogger("io.vertx.core").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.flywaydb").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("io.zonky").getLevel()).isEqualTo(Level.WARN);
    }

    @Test
    void theServicesLevelIsZsyncLogLevelAndInfoForAnythingElse() {
        Map<String, Level> levels =
                Map.of("debug", Level.DEBUG, "TRACE", Level.TRACE, "loud", Level.INFO, "", Level.INFO);
        levels.forEach((value, expected) -> {
            LoggerContext context = new LoggerContext();
            ServiceLogging.apply(context, value);
            assertThat(context.getLogger("io.zohosync").getLevel())
                    .as("'%s'", value)
                    .isEqualTo(expected);
        });
    }

    @Test
    void theSystemPropertyComesBeforeTheEnvironmentAsLogbacksSubstitutionHadIt() {
        String before = System.getProperty(ServiceLogging.LEVEL_VARIABLE);
        try {
            System.setProperty(ServiceLogging.LEVEL_VARIABLE, "error");
            assertThat(ServiceLogging.level()).isEqualTo("error");
            System.clearProperty(ServiceLogging.LEVEL_VARIABLE);
            assertThat(ServiceLogging.level()).isEqualTo(System.getenv(ServiceLogging.LEVEL_VARIABLE));
        } finally {
            if (before != null) {
                System.setProperty(ServiceLogging.LEVEL_VARIABLE, before);
            }
        }
    }

    @Test
    void itRanksBelowAnEmbeddingApplicationsOwnConfigurator() {
        assertThat(ServiceLogging.class.getAnnotation(ConfiguratorRank.class).value())
                .isLessThan(ConfiguratorRank.DEFAULT);
    }

    @Test
    void aConfigurationGivenElsewhereWins(@TempDir Path dir) throws Exception {
        try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
            assertThat(ServiceLogging.configuredElsewhere(null, bare)).isFalse();
            assertThat(ServiceLogging.configuredElsewhere("/etc/zoho-sync/logback.xml", bare))
                    .isTrue();
        }
        for (String file : new String[] {"logback.xml", "logback-test.xml"}) {
            Path folder = Files.createDirectories(dir.resolve(file + ".d"));
            Files.writeString(folder.resolve(file), "<configuration/>");
            try (URLClassLoader withFile =
                    new URLClassLoader(new URL[] {folder.toUri().toURL()}, null)) {
                assertThat(ServiceLogging.configuredElsewhere(null, withFile))
                        .as(file)
                        .isTrue();
            }
        }
    }

    @Test
    void itStepsAsideAndConfiguresNothingWhereALogbackTestXmlIsOnTheClasspath() {
        // this test's own classpath has a logback-test.xml: the service's configurator leaves the context to logback's
        // own
        LoggerContext context = new LoggerContext();
        ServiceLogging logging = new ServiceLogging();
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME)
                        .iteratorForAppenders()
                        .hasNext())
                .isFalse();
    }
}
