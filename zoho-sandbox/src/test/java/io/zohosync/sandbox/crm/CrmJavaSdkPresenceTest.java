package io.zohosync.sandbox.crm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Tells whether {@code CrmJavaSdkAcceptanceTest} (Zoho's CRM Java SDK against the sandbox) ran: Zoho's SDK is not on
 * Maven Central, so the test is compiled only by the {@code crm-java-sdk} profile, which turns on once the SDK is in
 * the local repository. Without it, this test is reported as skipped, saying how to get it, rather than the suite
 * passing in silence; with it, this test checks the acceptance test was compiled beside it.
 */
class CrmJavaSdkPresenceTest {
    private static final String SDK_CLASS = "com.zoho.crm.api.Initializer";
    private static final String ACCEPTANCE_TEST = "io.zohosync.sandbox.crm.CrmJavaSdkAcceptanceTest";

    @Test
    void theJavaSdkAcceptanceTestRunsWhereTheSdkIsInstalled() {
        if (!loadable(SDK_CLASS)) {
            Assumptions.abort(
                    "CrmJavaSdkAcceptanceTest skipped: Zoho's CRM Java SDK 8.0"
                            + " (com.zoho.crm:zohocrm-java-sdk-8-0:2.0.0) is not on the test class path. It is not on Maven"
                            + " Central but in Zoho's repository, https://maven.zohodl.com: -Pcrm-java-sdk resolves it from"
                            + " there where it is reachable; the profile turns on by itself once the SDK is in ~/.m2/repository.");
        }
        assertThat(loadable(ACCEPTANCE_TEST))
                .as("the crm-java-sdk profile compiles %s where the SDK is on the class path", ACCEPTANCE_TEST)
                .isTrue();
    }

    private static boolean loadable(String className) {
        try {
            Class.forName(className, false, CrmJavaSdkPresenceTest.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
