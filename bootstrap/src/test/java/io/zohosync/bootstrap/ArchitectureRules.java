package io.zohosync.bootstrap;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import io.vertx.core.Future;
import io.vertx.core.Promise;

/** The boundaries of design.md §2 as ArchUnit rules; {@link ArchitectureTest} checks them, {@link ArchitectureRulesTest} shows they bite. */
final class ArchitectureRules {

    private static final String DOMAIN = "io.zohosync.domain..";
    private static final String PORTS = "io.zohosync.ports..";
    private static final String POSTGRES = "io.zohosync.adapters.postgres..";
    private static final String ZOHO = "io.zohosync.adapters.zoho..";
    private static final String HTTP = "io.zohosync.adapters.http..";
    private static final String ALERTS = "io.zohosync.adapters.alerts..";
    private static final String SANDBOX = "io.zohosync.sandbox..";
    private static final String BOOTSTRAP = "io.zohosync.bootstrap..";

    private ArchitectureRules() {}

    /** Every class belongs to a module, and modules depend only inward. */
    static final ArchRule MODULE_LAYERS = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage("io.zohosync..")
            .layer("Domain")
            .definedBy(DOMAIN)
            .layer("Ports")
            .definedBy(PORTS)
            .layer("Postgres adapter")
            .definedBy(POSTGRES)
            .layer("Zoho adapter")
            .definedBy(ZOHO)
            .layer("HTTP adapter")
            .definedBy(HTTP)
            .layer("Alerts adapter")
            .definedBy(ALERTS)
            .layer("Sandbox")
            .definedBy(SANDBOX)
            .layer("Bootstrap")
            .definedBy(BOOTSTRAP)
            .whereLayer("Bootstrap")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("Postgres adapter")
            .mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Zoho adapter")
            .mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("HTTP adapter")
            .mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Alerts adapter")
            .mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Sandbox")
            .mayOnlyBeAccessedByLayers("Bootstrap")
            .whereLayer("Ports")
            .mayOnlyBeAccessedByLayers(
                    "Postgres adapter", "Zoho adapter", "HTTP adapter", "Alerts adapter", "Bootstrap")
            .whereLayer("Domain")
            .mayOnlyBeAccessedByLayers(
                    "Ports", "Postgres adapter", "Zoho adapter", "HTTP adapter", "Alerts adapter", "Bootstrap")
            .ensureAllClassesAreContainedInArchitectureIgnoring("io.zohosync.ports.archfixture..");

    /** The domain is plain Java: the JDK and itself, nothing else. */
    static final ArchRule DOMAIN_IS_PURE = classes()
            .that()
            .resideInAPackage(DOMAIN)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", DOMAIN)
            .because("design.md §2: no framework, no I/O in the domain");

    /** Ports speak one async type: Vert.x's Future/Promise, nothing else of Vert.x. */
    static final ArchRule PORTS_USE_ONLY_FUTURE = noClasses()
            .that()
            .resideInAPackage(PORTS)
            .should()
            .dependOnClassesThat(resideInAPackage("io.vertx..")
                    .and(not(equivalentTo(Future.class)))
                    .and(not(equivalentTo(Promise.class))))
            .because("style.md: one async type at the ports; JSON, web and SQL types stay in adapters");

    /** The sandbox is an independent reading of Zoho's contract: it shares nothing with the service. */
    static final ArchRule SANDBOX_STANDS_ALONE = noClasses()
            .that()
            .resideInAPackage(SANDBOX)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(DOMAIN, PORTS, POSTGRES, ZOHO, HTTP, ALERTS, BOOTSTRAP)
            .because("design.md §2: two independent readings of Zoho's contract catch each other's mistakes");

    /** No adapter reaches into another. */
    static final ArchRule ADAPTERS_INDEPENDENT =
            slices().matching("io.zohosync.adapters.(*)..").should().notDependOnEachOther();

    /** No package cycles anywhere. */
    static final ArchRule NO_CYCLES =
            slices().matching("io.zohosync.(**)").should().beFreeOfCycles();
}
