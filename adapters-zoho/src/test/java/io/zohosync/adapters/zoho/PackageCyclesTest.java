package io.zohosync.adapters.zoho;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.Slices;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter's packages — the root (the factory and its settings) and one per concern — depend on each other without
 * cycles, checked here with bootstrap's pattern ({@code io.zohosync.(**)}), under which the root package is a slice of
 * its own. ({@code io.zohosync.adapters.zoho.(**)} would leave the root out, and with it every cycle through the root.)
 */
class PackageCyclesTest {

    private static final String SLICES = "io.zohosync.(**)";
    private static JavaClasses main;

    @BeforeAll
    static void importMainCode() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.zohosync.adapters.zoho");
    }

    @Test
    void theRootAndEachConcernAreSlicesOfTheirOwn() {
        assertThat(Slices.matching(SLICES).transform(main))
                .extracting(slice -> slice.getNamePart(1))
                .containsExactlyInAnyOrder(
                        "adapters.zoho",
                        "adapters.zoho.oauth",
                        "adapters.zoho.call",
                        "adapters.zoho.books",
                        "adapters.zoho.billing",
                        "adapters.zoho.crm",
                        "adapters.zoho.inventory");
    }

    @Test
    void thePackagesAreFreeOfCycles() {
        slices().matching(SLICES).should().beFreeOfCycles().check(main);
    }
}
