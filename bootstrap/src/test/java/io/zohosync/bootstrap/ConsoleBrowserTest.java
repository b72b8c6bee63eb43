package io.zohosync.bootstrap;

import static io.zohosync.bootstrap.RunningService.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.zohosync.sandbox.SandboxOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator's console in a real browser: Debian's headless Chromium, driven by Selenium, against the whole
 * service (its database, the sandbox as Zoho). Signs in (a wrong token first), reads the health cards against what
 * the records really are, filters by status, watches the auto-refresh keep the filter and an open dialog, retries a
 * failed record, sees a refusal's reason, reads a record's log, links it (a Zoho id Zoho refuses first) and unlinks
 * it (an unlink the state machine refuses first), pages the Activity screen by its cursor across refreshes, filters
 * it by event and searches it by id, and signs out. Then, signed in under a name: the health figures against the
 * service's own, a manual link picked through the Zoho contact search, the record's Zoho link, source events and
 * admin history (the console's and a bearer call's actor), the customer list's status filter, and a held Stripe event
 * matched from its screen. Screenshots of the main screens go to {@code target/screenshots/}. Skipped when Chromium
 * or its driver is not installed.
 */
@ExtendWith(VertxExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String STRIPE_SECRET = "whsec_console_test";

    private static RunningService service;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start(Vertx vertx) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            Assumptions.abort("the console's browser test needs " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install -y chromium chromium-driver); skipped");
        }
        service = RunningService.start(vertx, "console", Map.of("ZSYNC_STRIPE_WEBHOOK_SECRETS", STRIPE_SECRET));
        profile = Files.createTempDirectory("zsync-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-background-networking",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-component-update",
                        "--disable-sync",
                        "--window-size=1280,1000",
                        "--user-data-dir=" + profile);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(driver, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
    }

    @Test
    @Order(1)
    void anOperatorSignsInReadsTheHealthFiltersRetriesAndSignsOut() throws Exception {
        String syncedA = customer(false);
        String syncedB = customer(false);
        String failed = customer(true);
        service.awaitStatus("customers", syncedA, "synced");
        service.awaitStatus("customers", syncedB, "synced");
        service.awaitStatus("customers", failed, "failed");

        // a refresh every second, so the test sees several without waiting 30 s
        browser.get("http://127.0.0.1:" + service.app.httpPort() + "/admin?refresh=1");
        WebElement token = visible(By.id("token"));
        assertThat(browser.findElement(By.cssSelector("label[for=token]")).getText())
                .isEqualTo("Admin token");
        token.sendKeys("not-the-admin-token");
        browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        until(d -> text(By.id("sign-in-error")).contains("not the admin token"));
        assertThat(browser.findElement(By.id("console")).isDisplayed()).isFalse();
        assertThat(browser.getPageSource()).doesNotContain("Exception", "\tat ");
        screenshot("01-sign-in-refused.png");

        token.clear();
        token.sendKeys(TestEnvironment.ADMIN_TOKEN);
        token.submit();
        visible(By.id("cards"));
        until(d -> card("synced").equals("2") && card("failed").equals("1"));
        assertThat(card("total")).isEqualTo("3");
        assertThat(card("pending")).isEqualTo("0");
        assertThat(card("zoho")).isEqualTo("connected");
        assertThat(card("sync")).isEqualTo("enabled");
        assertThat(card("held-events")).isEqualTo("0");
        JsonObject counts = await(service.http
                        .get("/admin/api/sync/status")
                        .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                        .send())
                .bodyAsJsonObject()
                .getJsonObject("counts")
                .getJsonObject("customer");
        assertThat(counts.getMap()).isEqualTo(Map.of("synced", 2, "failed", 1));
        assertThat(text(By.cssSelector("#by-entity tbody tr")))
                .as("the counts per entity type and target: the customers' row towards Books")
                .startsWith("customer books");
        Cookie session = browser.manage().getCookieNamed("zsync_console");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getPath()).isEqualTo("/admin");
        assertThat(session.getValue()).doesNotContain(TestEnvironment.ADMIN_TOKEN);
        screenshot("02-overview.png");

        new Select(browser.findElement(By.id("filter-status"))).selectByValue("failed");
        until(d -> rowIds().equals(List.of(failed))); // the service filters: the list follows its answer
        screenshot("03-records-failed.png");

        // a second failure arrives: the refresh shows it and keeps the filter
        String laterFailure = customer(true);
        service.awaitStatus("customers", laterFailure, "failed");
        until(d -> rowIds().size() == 2);
        assertThat(rowIds()).containsExactlyInAnyOrder(failed, laterFailure);
        assertThat(new Select(browser.findElement(By.id("filter-status")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("failed");
        assertThat(new Select(browser.findElement(By.id("filter-entity")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("customer");
        until(d -> card("failed").equals("2"));

        // the failed record's page: its state, then a retry the state machine accepts
        Instant before = Instant.parse(record(failed).getString("updated_at"));
        click(By.linkText(failed));
        until(d -> text(By.id("record-title")).equals("customer " + failed));
        assertThat(text(By.cssSelector("[data-target=books] dd.status"))).isEqualTo("failed");
        assertThat(text(By.cssSelector("[data-target=books]"))).contains("no matching contact");
        screenshot("04-record-failed.png");
        click(By.cssSelector("[data-target=books] button[data-action=retry]"));
        WebElement dialog = visible(By.id("confirm"));
        Thread.sleep(2_500); // two refreshes pass under the open dialog
        assertThat(dialog.isDisplayed()).isTrue();
        assertThat(text(By.id("confirm-title"))).isEqualTo("Retry customer " + failed + "?");
        screenshot("05-retry-dialog.png");
        browser.findElement(By.id("confirm-go")).click();
        until(ExpectedConditions.invisibilityOf(dialog));
        JsonObject retried = record(failed);
        assertThat(Instant.parse(retried.getString("updated_at"))).isAfter(before);

        // a synced record cannot be retried: the page shows the state machine's reason, not a stack trace
        browser.get("http://127.0.0.1:" + service.app.httpPort() + "/admin/?refresh=1#record/customer/" + syncedA);
        until(d -> text(By.id("record-title")).equals("customer " + syncedA));
        click(By.cssSelector("[data-target=books] button[data-action=retry]"));
        visible(By.id("confirm"));
        browser.findElement(By.id("confirm-go")).click();
        until(d -> text(By.id("confirm-error")).contains("only a failed or skipped sync can be retried or reset"));
        assertThat(record(syncedA).getString("status")).isEqualTo("synced");
        screenshot("06-retry-refused.png");
        browser.findElement(By.id("confirm-cancel")).click();

        // a record's page lists its log; a link Zoho refuses, a link to a contact Zoho has, an unlink refused and one
        // done
        service.awaitStatus("customers", failed, "failed");
        String contact = record(syncedB).getString("zoho_id");
        openRecord(failed);
        until(d -> logEvents().contains("admin_retry"));
        assertThat(text(By.id("record-log-note"))).endsWith("newest first.");
        act("link", "1");
        until(d -> text(By.id("confirm-error")).contains("has no record 1"));
        WebElement zohoId = browser.findElement(By.id("confirm-zoho-id"));
        zohoId.clear();
        zohoId.sendKeys(contact);
        browser.findElement(By.id("confirm-go")).click();
        until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
        until(d -> text(By.cssSelector("[data-target=books] dd.status")).equals("manual"));
        until(d -> !logEvents().isEmpty() && logEvents().get(0).equals("admin_link"));
        assertThat(record(failed).getString("zoho_id")).isEqualTo(contact);
        screenshot("08-record-linked.png");

        openRecord(laterFailure);
        act("unlink", null);
        until(d -> text(By.id("confirm-error")).contains("only a synced or manual sync has a link to remove"));
        screenshot("09-unlink-refused.png");
        browser.findElement(By.id("confirm-cancel")).click();

        openRecord(failed);
        act("unlink", null);
        until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
        until(d -> logEvents().contains("admin_unlink"));
        assertThat(record(failed).getString("zoho_id")).isNotEqualTo(contact);
        JsonObject page = await(service.http
                        .get("/admin/api/sync/log?entity_type=customer&limit=2&entity_id=" + failed)
                        .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                        .send())
                .bodyAsJsonObject();
        assertThat(page.getJsonArray("entries").getJsonObject(0).getString("entity_id"))
                .isEqualTo(failed);
        assertThat(page.getLong("next_before"))
                .isEqualTo(page.getJsonArray("entries").getJsonObject(1).getLong("id"));
        assertThat(await(service.http
                                .get("/admin/api/sync/log?before=0")
                                .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                                .send())
                        .statusCode())
                .isEqualTo(422);

        // Records, two a page: the next page by the cursor, kept across refreshes
        service.awaitStatus("customers", failed, "failed"); // unlinked, it runs again: let it settle
        browser.get(base() + "/admin/?refresh=1&page=2");
        until(d -> rowIds().size() == 2);
        List<String> first = rowIds();
        browser.findElement(By.id("records-next")).click();
        until(d -> rowIds().size() == 2 && !rowIds().contains(first.get(0)) && !rowIds().contains(first.get(1)));
        List<String> second = rowIds();
        Thread.sleep(2_500);
        assertThat(rowIds()).isEqualTo(second);
        browser.findElement(By.id("records-first")).click();
        until(d -> rowIds().equals(first));

        // Activity, three rows a page: older pages by the cursor, kept across refreshes, then filters
        browser.get(base() + "/admin/?refresh=1&page=3#activity");
        until(d -> logIds().size() == 3);
        List<Long> newest = logIds();
        assertThat(newest).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(browser.findElement(By.id("log-newest")).isEnabled()).isFalse();
        browser.findElement(By.id("log-older")).click();
        until(d -> logIds().size() == 3 && logIds().get(0) < newest.get(2));
        List<Long> older = logIds();
        Thread.sleep(2_500); // two refreshes: the same older page
        assertThat(logIds()).isEqualTo(older);
        assertThat(text(By.id("activity-note"))).contains("older than entry " + newest.get(2));
        browser.findElement(By.id("log-newest")).click();
        until(d -> !logIds().isEmpty() && logIds().get(0) >= newest.get(0));

        new Select(browser.findElement(By.id("log-entity"))).selectByValue("customer");
        browser.findElement(By.id("log-event")).sendKeys("admin_link");
        browser.findElement(By.cssSelector("#activity-filters button[type=submit]"))
                .click();
        until(d -> logRowEvents().equals(List.of("admin_link")));
        assertThat(attributes("#log-list tbody", null))
                .singleElement()
                .asString()
                .contains(failed, contact);
        Thread.sleep(2_500);
        assertThat(logRowEvents()).containsExactly("admin_link");
        assertThat(browser.findElement(By.id("log-event")).getAttribute("value"))
                .isEqualTo("admin_link");
        screenshot("10-activity-filtered.png");

        WebElement event = browser.findElement(By.id("log-event"));
        event.clear();
        browser.findElement(By.id("log-q")).sendKeys(laterFailure.toUpperCase());
        browser.findElement(By.cssSelector("#activity-filters button[type=submit]"))
                .click();
        until(d -> !logIds().isEmpty()
                && attributes("#log-list tbody td:nth-child(3)", null).stream().allMatch(laterFailure::equals));
        screenshot("11-activity-search.png");

        // on a phone's width the cards and the table still read
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get("http://127.0.0.1:" + service.app.httpPort() + "/admin/?refresh=1");
        until(d -> card("synced").equals("2"));
        screenshot("07-overview-phone.png");
        browser.manage().window().setSize(new Dimension(1280, 1000));

        browser.findElement(By.id("sign-out")).click();
        until(d -> text(By.id("sign-in-error")).contains("signed out"));
        assertThat(browser.findElement(By.id("console")).isDisplayed()).isFalse();
        browser.navigate().refresh();
        visible(By.id("token"));
        assertThat(await(service.http
                                .get("/admin/api/sync/status")
                                .putHeader("Cookie", "zsync_console=" + session.getValue())
                                .send())
                        .statusCode())
                .as("the signed-out session no longer opens the admin API")
                .isEqualTo(401);
    }

    @Test
    @Order(2)
    void anOperatorLinksThroughTheContactSearchReadsARecordsHistoryFiltersCustomersAndMatchesAHeldEvent()
            throws Exception {
        String synced = customer(false);
        String failed = customer(true);
        String stillFailed = customer(true);
        service.awaitStatus("customers", synced, "synced");
        service.awaitStatus("customers", failed, "failed");
        service.awaitStatus("customers", stillFailed, "failed");
        String contact = record(synced).getString("zoho_id");

        browser.get(base() + "/admin/?refresh=1");
        visible(By.id("token")).sendKeys(TestEnvironment.ADMIN_TOKEN);
        browser.findElement(By.id("actor-name")).sendKeys("Ada Operator");
        browser.findElement(By.cssSelector("#sign-in-form button[type=submit]")).click();
        visible(By.id("cards"));

        // the new cards say what the service's own figures say
        JsonObject operations = admin("/admin/api/sync/operations");
        until(d -> card("failures-24-h").equals(String.valueOf(operations.getLong("failed_last_day"))));
        assertThat(card("success-24-h")).endsWith("%");
        assertThat(text(By.cssSelector("[data-card=success-24-h] .detail")))
                .contains("synced", "failed in the last 24 hours");
        assertThat(card("sync-lag")).isNotEmpty();
        JsonObject books = operations.getJsonArray("budget").getJsonObject(0);
        assertThat(books.getString("meter")).isEqualTo("books_and_inventory");
        assertThat(card("books-inventory-api")).matches("\\d+ / " + books.getInteger("per_day"));
        assertThat(books.getLong("last_day")).isPositive();
        assertThat(browser.findElements(By.cssSelector("[data-card=books-inventory-api] meter")))
                .hasSize(1);
        assertThat(text(By.cssSelector("[data-card=books-inventory-api] .detail")))
                .contains("this minute");
        screenshot("12-health-cards.png");

        // a manual link, the contact picked through the search of Zoho Books by email
        openRecord(failed);
        click(By.cssSelector("[data-target=books] button[data-action=link]"));
        visible(By.id("contact-search"));
        WebElement q = browser.findElement(By.id("contact-q"));
        assertThat(q.getAttribute("value")).isEqualTo(failed + "@example.com");
        q.clear();
        q.sendKeys(synced + "@example.com");
        browser.findElement(By.id("contact-search-go")).click();
        until(d -> text(By.id("contact-note")).startsWith("1 contact with this email"));
        browser.findElement(By.cssSelector("#contact-results input[value='" + contact + "']"))
                .click();
        assertThat(browser.findElement(By.id("confirm-zoho-id")).getAttribute("value"))
                .isEqualTo(contact);
        screenshot("13-link-contact-search.png");
        browser.findElement(By.id("confirm-go")).click();
        until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm")));
        until(d -> text(By.cssSelector("[data-target=books] dd.status")).equals("manual"));
        assertThat(record(failed).getString("zoho_id")).isEqualTo(contact);
        assertThat(text(By.cssSelector("[data-target=books] button[data-action=link]")))
                .isEqualTo("Change link…");
        until(d -> !d.findElements(By.cssSelector("[data-target=books] a.zoho-link"))
                .isEmpty());
        screenshot("14-record-zoho-link.png");

        // the record's page: the Zoho link into Books' web app, the platform's data, its source event, who did what
        until(d -> !d.findElements(By.cssSelector("[data-target=books] a.zoho-link"))
                .isEmpty());
        assertThat(attributes("[data-target=books] a.zoho-link", "href"))
                .containsExactly(
                        "https://books.zoho.com/app/" + SandboxOptions.DEMO_ORGANIZATION_ID + "#/contacts/" + contact);
        assertThat(text(By.id("record-data"))).contains(failed + "@example.com");
        assertThat(attributes("#record-sources tbody tr[data-provider]", "data-provider"))
                .containsExactly("api");
        until(d -> attributes("#record-audit tbody tr[data-action]", null).size() == 1);
        assertThat(attributes("#record-audit tbody tr[data-action]", null))
                .singleElement()
                .asString()
                .contains("Ada Operator", "link", "books", "linked to Zoho " + contact, "failed → manual");
        // a bearer call names its actor in a header; the page shows both, newest first
        assertThat(await(service.http
                                .post("/admin/api/sync/customer/" + failed + "/books/unlink")
                                .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                                .putHeader("X-Admin-Actor", "ops-script")
                                .send())
                        .statusCode())
                .isEqualTo(200);
        until(d ->
                attributes("#record-audit tbody tr[data-action]", "data-action").equals(List.of("unlink", "link")));
        assertThat(attributes("#record-audit tbody tr[data-action]", null).get(0))
                .contains("ops-script", "unlinked from Zoho (was " + contact + ")");
        scrollTo("record-data");
        screenshot("15-record-history.png");

        // the customer list, filtered by sync status and text: the service filters, the page follows
        browser.get(base() + "/admin/?refresh=1#customers");
        new Select(visible(By.id("customer-status"))).selectByValue("failed");
        // the unfiltered page is on screen until the filtered one arrives: wait for the service's answer
        until(d -> {
            List<String> ids = attributes("#customer-list tbody tr[data-id]", "data-id");
            return ids.contains(stillFailed) && !ids.contains(synced);
        });
        browser.findElement(By.id("customer-q")).sendKeys(stillFailed.toUpperCase());
        browser.findElement(By.cssSelector("#customer-filters button[type=submit]"))
                .click();
        until(d -> attributes("#customer-list tbody tr[data-id]", "data-id").equals(List.of(stillFailed)));
        assertThat(attributes("#customer-list tbody tr[data-id]", null).get(0))
                .contains("Ada", stillFailed + "@example.com", "books: failed");
        Thread.sleep(2_500); // refreshes keep the filters
        assertThat(attributes("#customer-list tbody tr[data-id]", "data-id")).containsExactly(stillFailed);
        assertThat(new Select(browser.findElement(By.id("customer-status")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("failed");
        screenshot("16-customers-failed.png");

        // a Stripe payment naming no customer is held; matched from its screen, it becomes the customer's payment
        String eventId = "evt_console_" + UUID.randomUUID().toString().substring(0, 8);
        String intent = "pi_" + eventId;
        assertThat(await(stripe("{\"id\":\"" + eventId + "\",\"object\":\"event\",\"type\":"
                                + "\"payment_intent.succeeded\",\"created\":"
                                + Instant.now().getEpochSecond() + ",\"data\":{\"object\":{\"id\":\""
                                + intent + "\",\"object\":\"payment_intent\",\"amount\":12500,"
                                + "\"amount_received\":12500,\"currency\":\"zar\",\"metadata\":{}}}}"))
                        .statusCode())
                .isEqualTo(202);
        browser.get(base() + "/admin/?refresh=1#held");
        until(d ->
                !d.findElements(By.cssSelector("#held-list button[data-match]")).isEmpty());
        assertThat(attributes("#held-list tbody tr[data-held]", null).get(0))
                .contains("stripe", "payment_intent.succeeded", "125", "ZAR", "unmatched");
        screenshot("17-held-events.png");
        click(By.cssSelector("#held-list button[data-match]"));
        visible(By.id("match"));
        assertThat(text(By.id("match-title"))).isEqualTo("Match stripe event " + eventId + "?");
        browser.findElement(By.id("match-customer")).sendKeys(synced);
        browser.findElement(By.id("match-go")).click();
        until(ExpectedConditions.invisibilityOfElementLocated(By.id("match")));
        until(d -> text(By.cssSelector("#held-list tbody")).contains("Nothing is held."));

        // the payment's page names the held event it came from and who matched it
        browser.get(base() + "/admin/?refresh=1#record/payment/" + intent);
        until(d -> text(By.id("record-title")).equals("payment " + intent));
        until(d -> attributes("#record-sources tbody tr[data-provider]", null).stream()
                .anyMatch(row -> row.contains(eventId) && row.contains("resolved")));
        assertThat(attributes("#record-audit tbody tr[data-action]", null))
                .singleElement()
                .asString()
                .contains("Ada Operator", "match", "matched to customer " + synced);
        scrollTo("record-data");
        screenshot("18-payment-from-held-event.png");
        assertThat(browser.getPageSource()).doesNotContain("Exception", "\tat ");
    }

    /** Scrolls the page so the element with this id is at the top (the refresh keeps the scroll position). */
    private static void scrollTo(String id) {
        ((JavascriptExecutor) browser)
                .executeScript("document.getElementById(arguments[0]).previousElementSibling.scrollIntoView()", id);
    }

    private static JsonObject admin(String path) throws Exception {
        return await(service.http
                        .get(path)
                        .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                        .send())
                .bodyAsJsonObject();
    }

    /** A Stripe event signed as Stripe signs it (the test's webhook secret). */
    private static io.vertx.core.Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> stripe(
            String event) throws Exception {
        long t = Instant.now().getEpochSecond();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(STRIPE_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = HexFormat.of().formatHex(mac.doFinal((t + "." + event).getBytes(StandardCharsets.UTF_8)));
        return service.http
                .post("/webhooks/stripe")
                .putHeader("content-type", "application/json; charset=utf-8")
                .putHeader("Stripe-Signature", "t=" + t + ",v1=" + signature)
                .sendBuffer(io.vertx.core.buffer.Buffer.buffer(event));
    }

    private static String base() {
        return "http://127.0.0.1:" + service.app.httpPort();
    }

    private static void openRecord(String id) {
        browser.get(base() + "/admin/?refresh=1#record/customer/" + id);
        until(d -> text(By.id("record-title")).equals("customer " + id));
    }

    /** Opens the Books record's dialog for this action and confirms it, with this Zoho id for a link. */
    private static void act(String action, String zohoId) {
        click(By.cssSelector("[data-target=books] button[data-action=" + action + "]"));
        visible(By.id("confirm"));
        if (zohoId != null) {
            WebElement input = visible(By.id("confirm-zoho-id"));
            input.clear();
            input.sendKeys(zohoId);
        }
        browser.findElement(By.id("confirm-go")).click();
    }

    /** The events of the record page's log, newest first. */
    private static List<String> logEvents() {
        return attributes("#record-log tbody tr[data-event]", "data-event");
    }

    /** The ids of the Activity rows on screen. */
    private static List<Long> logIds() {
        return attributes("#log-list tbody tr[data-id]", "data-id").stream()
                .map(Long::parseLong)
                .toList();
    }

    /** The distinct events of the Activity rows on screen. */
    private static List<String> logRowEvents() {
        return attributes("#log-list tbody tr[data-event]", "data-event").stream()
                .distinct()
                .toList();
    }

    /**
     * This attribute (or, for null, the text) of every element the selector finds, read in one script: the
     * refresh replaces rows every second, so elements looked up one call and read the next may be gone.
     */
    @SuppressWarnings("unchecked")
    private static List<String> attributes(String selector, String attribute) {
        return (List<String>) ((JavascriptExecutor) browser)
                .executeScript(
                        "return Array.from(document.querySelectorAll(arguments[0]))"
                                + ".map(e => arguments[1] === null ? e.innerText : e.getAttribute(arguments[1]));",
                        selector,
                        attribute);
    }

    /** A customer put through the platform API; a returning one Zoho does not know fails. */
    private static String customer(boolean returningUnknown) throws Exception {
        String id = "cust-" + UUID.randomUUID();
        JsonObject body = new JsonObject()
                .put("id", id)
                .put("first_name", "Ada")
                .put("last_name", "Console " + id)
                .put("email", id + "@example.com");
        if (returningUnknown) {
            body.put("returning", true);
        }
        // with an Idempotency-Key, so the service keeps the request as the record's source event
        assertThat(await(service.http
                                .put("/api/v1/customers/" + id)
                                .bearerTokenAuthentication(TestEnvironment.API_KEY)
                                .putHeader("Idempotency-Key", "console-" + id)
                                .sendJsonObject(body))
                        .statusCode())
                .isBetween(200, 202);
        return id;
    }

    private static JsonObject record(String id) throws Exception {
        return await(service.http
                        .get("/admin/api/sync/customer/" + id)
                        .bearerTokenAuthentication(TestEnvironment.ADMIN_TOKEN)
                        .send())
                .bodyAsJsonObject()
                .getJsonArray("records")
                .getJsonObject(0);
    }

    private static String card(String name) {
        return text(By.cssSelector("[data-card=" + name + "] .value")).toLowerCase();
    }

    private static List<String> rowIds() {
        return attributes("#record-list tbody tr[data-status] td:nth-child(2)", null);
    }

    /** The text of the first element {@code by} finds ("" for none), read again should the refresh replace it. */
    private static String text(By by) {
        return until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? "" : found.get(0).getText();
        });
    }

    private static WebElement visible(By by) {
        return new WebDriverWait(browser, WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /**
     * Clicks what {@code by} finds in the rows and record blocks the refresh re-renders every second: found and
     * clicked again should the refresh replace it between the two.
     */
    private static void click(By by) {
        until(d -> {
            d.findElement(by).click();
            return true;
        });
    }

    private static <T> T until(java.util.function.Function<? super WebDriver, T> condition) {
        return new WebDriverWait(browser, WAIT)
                .ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    private static void screenshot(String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
