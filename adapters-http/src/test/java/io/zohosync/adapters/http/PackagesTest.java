package io.zohosync.adapters.http;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The adapter's own layout: the root only wires, the two APIs share nothing but {@code common}, no package cycles. */
class PackagesTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.zohosync.adapters.http");

    @Test
    void subpackagesNeverDependOnTheRoot() {
        noClasses()
                .that()
                .resideInAnyPackage("..http.api..", "..http.admin..", "..http.common..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.zohosync.adapters.http")
                .check(CLASSES);
    }

    @Test
    void thePackagesAreFreeOfCycles() {
        slices().matching("io.zohosync.adapters.http.(**)")
                .should()
                .beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void thePlatformAndAdminApisDoNotReachIntoEachOther() {
        slices().matching("io.zohosync.adapters.http.(api|admin)..")
                .should()
                .notDependOnEachOther()
                .check(CLASSES);
        noClasses()
                .that()
                .resideInAPackage("..http.common..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..http.api..", "..http.admin..")
                .check(CLASSES);
    }

    @Test
    void onlyTheFactoriesOfTheApisArePublic() {
        classes()
                .that()
                .resideInAnyPackage("..http.api..", "..http.admin..")
                .and()
                .arePublic()
                .should()
                .haveSimpleNameEndingWith("Api")
                .check(CLASSES);
    }
}
