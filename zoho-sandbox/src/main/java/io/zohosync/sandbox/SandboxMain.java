package io.zohosync.sandbox;

import io.vertx.core.Vertx;
import io.zohosync.sandbox.core.Fault;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Command line: runs the sandbox alone ({@code java -jar zoho-sandbox.jar --port 8089}) until stopped. */
@Command(
        name = "zoho-sandbox",
        mixinStandardHelpOptions = true,
        version = "zoho-sandbox 0.1.0",
        description =
                "A fake Zoho (Accounts OAuth, Books, Billing, CRM, Inventory) on 127.0.0.1 for tests, benchmarks and the offline demo.")
public final class SandboxMain implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port = 8089;

    @Option(names = "--client-id", description = "OAuth client id (default: ${DEFAULT-VALUE}).")
    String clientId = SandboxOptions.DEMO_CLIENT_ID;

    @Option(names = "--client-secret", description = "OAuth client secret (default: ${DEFAULT-VALUE}).")
    String clientSecret = SandboxOptions.DEMO_CLIENT_SECRET;

    @Option(names = "--refresh-token", description = "Pre-seeded refresh token (default: ${DEFAULT-VALUE}).")
    String refreshToken = SandboxOptions.DEMO_REFRESH_TOKEN;

    @Option(names = "--organization-id", description = "Books organization id (default: ${DEFAULT-VALUE}).")
    String organizationId = SandboxOptions.DEMO_ORGANIZATION_ID;

    @Option(
            names = "--data-centre",
            description = "Data centre reported as 'location': ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    DataCentre dataCentre = DataCentre.US;

    @Option(
            names = "--latency-ms",
            description = "Delay added to every API answer, in milliseconds (default: ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--error-rate", description = "Share of API calls to fail, 0..1 (default: ${DEFAULT-VALUE}).")
    double errorRate;

    @Option(
            names = "--faults",
            split = ",",
            description = "Fault kinds for --error-rate: ${COMPLETION-CANDIDATES} (default: all).")
    Fault[] faults = {};

    @Option(
            names = "--time-scale",
            description =
                    "Sandbox seconds per real second; 60 makes a Zoho minute last one second (default: ${DEFAULT-VALUE}).")
    double timeScale = 1;

    @Option(
            names = "--books-per-minute",
            description = "Books requests per minute per organization (default: ${DEFAULT-VALUE}).")
    int booksPerMinute = 100;

    @Option(
            names = "--daily-limit",
            description = "Requests per day per organization and product (default: ${DEFAULT-VALUE}).")
    int dailyLimit = 1000;

    @Option(
            names = "--concurrency",
            description = "Requests in process at once per organization (default: ${DEFAULT-VALUE}).")
    int concurrency = 10;

    @Option(
            names = "--strict",
            description =
                    "Refuse requests Zoho's documents do not allow (unknown query parameters, stray bodies, Bearer tokens).")
    boolean strict;

    @Option(
            names = "--billing-webhook-url",
            description = "Where Billing events are POSTed, signed with --webhook-secret (default: none).")
    String billingWebhookUrl;

    @Option(
            names = "--inventory-webhook-url",
            description = "Where Inventory stock changes are POSTed, signed with --webhook-secret (default: none).")
    String inventoryWebhookUrl;

    @Option(
            names = "--webhook-secret",
            description = "Secret of the X-Zoho-Webhook-Signature HMAC (default: ${DEFAULT-VALUE}).")
    String webhookSecret = "sandbox-webhook-secret";

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "zoho-sandbox-logback.xml");
        }
        System.exit(new CommandLine(new SandboxMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        Vertx vertx = Vertx.vertx();
        ZohoSandbox sandbox = ZohoSandbox.start(vertx, options()).await();
        sandbox.control()
                .webhook("billing", billingWebhookUrl, webhookSecret)
                .webhook("inventory", inventoryWebhookUrl, webhookSecret);
        spec.commandLine()
                .getOut()
                .printf(
                        "Zoho sandbox listening on %s (client id %s, organization %s)%n",
                        sandbox.baseUrl(), clientId, organizationId)
                .flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> sandbox.close().compose(v -> vertx.close()).onComplete(done -> stopped.countDown())));
        stopped.await();
        return 0;
    }

    SandboxOptions options() {
        return SandboxOptions.defaults()
                .withPort(port)
                .withCredentials(clientId, clientSecret, refreshToken)
                .withOrganizationId(organizationId)
                .withDataCentre(dataCentre)
                .withLatency(Duration.ofMillis(latencyMs))
                .withErrorRate(errorRate, faults)
                .withTimeScale(timeScale)
                .withBooksPerMinute(booksPerMinute)
                .withDailyLimit(dailyLimit)
                .withConcurrency(concurrency)
                .withStrict(strict);
    }
}
