package io.zohosync.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;
import org.slf4j.Logger;

/**
 * The service's logging, set in code: one line per event on standard output, the service's own loggers at
 * {@code ZSYNC_LOG_LEVEL} (INFO by default), everything else at WARN. Logback finds it through its {@link
 * Configurator} service, which spares a start-up its XML configurator (a fifth of a second of a cold process's way to
 * ready; issue 14, goal 5).
 *
 * <p>A configuration given elsewhere still wins, as logback's own order has it: the {@code logback.configurationFile}
 * property, or a {@code logback-test.xml} or {@code logback.xml} on the classpath (a test's, or the application's that
 * embeds the service). Then this one does nothing and logback reads that file.
 */
public final class ServiceLogging extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n";
    static final String LEVEL_VARIABLE = "ZSYNC_LOG_LEVEL";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (configuredElsewhere(
                System.getProperty("logback.configurationFile"), getClass().getClassLoader())) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context, System.getenv());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    static boolean configuredElsewhere(String configurationFile, ClassLoader loader) {
        return configurationFile != null
                || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null;
    }

    static void apply(LoggerContext context, Map<String, String> environment) {
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
        context.getLogger("io.zohosync").setLevel(Level.toLevel(environment.get(LEVEL_VARIABLE), Level.INFO));
        context.getLogger("org.flywaydb").setLevel(Level.WARN);
        context.getLogger("io.zonky").setLevel(Level.WARN);
    }
}
