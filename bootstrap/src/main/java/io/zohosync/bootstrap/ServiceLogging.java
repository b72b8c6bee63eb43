package io.zohosync.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The service's logging, set in code: one line per event on standard output, the service's own loggers at
 * {@code ZSYNC_LOG_LEVEL} (a system property of that name, else the environment variable; INFO by default and for a
 * value logback does not know), everything else at WARN. Logback finds it through its {@link Configurator} service,
 * which spares a start-up its XML configurator (a fifth of a second of a cold process's way to ready; issue 14, goal
 * 5).
 *
 * <p>A configuration given elsewhere still wins, as logback's own order has it: the {@code logback.configurationFile}
 * or {@code logback.serializedModelFile} property, or a {@code logback-test.xml} or {@code logback.xml} on the
 * classpath (a test's, or the application's that embeds the service). Then this one does nothing and logback reads
 * that. Its rank is below a configurator's default, so an embedding application's own configurator goes first.
 */
@ConfiguratorRank(ConfiguratorRank.NOMINAL)
public final class ServiceLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n";
    static final String LEVEL_VARIABLE = "ZSYNC_LOG_LEVEL";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        String file =
                System.getProperty("logback.configurationFile", System.getProperty("logback.serializedModelFile"));
        if (configuredElsewhere(file, getClass().getClassLoader())) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, level());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** As logback's {@code ${ZSYNC_LOG_LEVEL}} read it: the system property, else the environment variable. */
    static String level() {
        return System.getProperty(LEVEL_VARIABLE, System.getenv(LEVEL_VARIABLE));
    }

    static boolean configuredElsewhere(String configurationFile, ClassLoader loader) {
        return configurationFile != null
                || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null;
    }

    static void apply(LoggerContext context, String level) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> out = new ConsoleAppender<>();
        out.setContext(context);
        out.setName("OUT");
        out.setEncoder(encoder);
        out.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(out);
        context.getLogger("io.zohosync").setLevel(Level.toLevel(level, Level.INFO));
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        context.getLogger("io.zonky").setLevel(Level.WARN);
    }
}
