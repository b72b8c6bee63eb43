package io.zohosync.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import io.zohosync.ports.archfixture.LeakyPort;
import org.junit.jupiter.api.Test;

/** Shows the rules bite: a port that uses io.vertx.core.json fails the build. */
class ArchitectureRulesTest {

    @Test
    void a_port_using_vertx_json_breaks_the_ports_rule() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyPort.class);

        EvaluationResult result = ArchitectureRules.PORTS_USE_ONLY_FUTURE.evaluate(leaky);

        assertThat(result.hasViolation()).isTrue();
        assertThat(result.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("LeakyPort") && line.contains("io.vertx.core.json.JsonObject"));
    }
}
