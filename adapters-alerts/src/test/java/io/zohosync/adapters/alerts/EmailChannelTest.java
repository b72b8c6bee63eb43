package io.zohosync.adapters.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.zohosync.domain.alert.AlertKind;
import io.zohosync.domain.alert.Condition;
import io.zohosync.domain.alert.Notice;
import io.zohosync.ports.out.AlertChannel;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmailChannelTest {

    private static final Instant OPENED = Instant.parse("2026-11-30T08:00:00Z");
    private static final Condition FAILED = new Condition(
            "failed-syncs", AlertKind.FAILED_SYNCS, "3 syncs failed and wait for an admin", "3 failed <c-1 & c-2>");

    private GreenMail smtp;
    private Vertx vertx;
    private AlertAdapters adapters;

    @BeforeEach
    void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        smtp.setUser("alerts@shop.example", "alerts", "s3cret");
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        if (adapters != null) {
            await(adapters.close());
        }
        await(vertx.close());
        smtp.stop();
    }

    private AlertChannel channel(Optional<String> user, Optional<String> password) {
        adapters = AlertAdapters.create(
                vertx,
                Optional.of(new SmtpSettings(
                        "127.0.0.1",
                        smtp.getSmtp().getPort(),
                        false,
                        SmtpSettings.StartTls.DISABLED,
                        user,
                        password,
                        "zoho-sync@shop.example",
                        List.of("ops@shop.example", "owner@shop.example"))),
                Optional.empty());
        assertThat(adapters.channels()).hasSize(1);
        return adapters.channels().get(0);
    }

    @Test
    void anOpenedIncidentIsOneMailWithPlainTextAndHtmlToEveryRecipient() throws Exception {
        AlertChannel email = channel(Optional.of("alerts"), Optional.of("s3cret"));
        assertThat(email.name()).isEqualTo("email");

        await(email.send(new Notice(Notice.Type.OPENED, FAILED, OPENED, OPENED)));

        assertThat(smtp.waitForIncomingEmail(5000, 2)).isTrue();
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(2); // one copy per recipient's mailbox
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("[zoho-sync] 3 syncs failed and wait for an admin");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("zoho-sync@shop.example");
        assertThat(mail.getAllRecipients())
                .extracting(Object::toString)
                .containsExactly("ops@shop.example", "owner@shop.example");
        assertThat(mail.getHeader("X-Zoho-Sync-Alert")).containsExactly("failed-syncs");
        assertThat(mail.getHeader("X-Zoho-Sync-Alert-State")).containsExactly("opened");

        List<Part> parts = leaves(mail);
        assertThat(parts)
                .extracting(p -> p.getContentType().split(";")[0].toLowerCase())
                .containsExactly("text/plain", "text/html");
        assertThat(text(parts.get(0)))
                .isEqualTo("3 syncs failed and wait for an admin\nSince 2026-11-30T08:00:00Z.\n"
                        + "Seen: 3 failed <c-1 & c-2>");
        assertThat(text(parts.get(1)))
                .contains("<h2 style=\"color:#b42318\">3 syncs failed and wait for an admin</h2>")
                .contains("<th style=\"text-align:left;padding-right:1em\">Since</th><td>2026-11-30T08:00:00Z</td>")
                .contains("3 failed &lt;c-1 &amp; c-2&gt;")
                .doesNotContain("<c-1");
    }

    @Test
    void aResolvedIncidentSaysSoInSubjectBodiesAndHeader() throws Exception {
        AlertChannel email = channel(Optional.of("alerts"), Optional.of("s3cret"));
        Instant resolved = OPENED.plusSeconds(3600 + 120);

        await(email.send(new Notice(Notice.Type.RESOLVED, FAILED, OPENED, resolved)));

        assertThat(smtp.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(mail.getSubject()).isEqualTo("[zoho-sync] Resolved: 3 syncs failed and wait for an admin");
        assertThat(mail.getHeader("X-Zoho-Sync-Alert-State")).containsExactly("resolved");
        List<Part> parts = leaves(mail);
        assertThat(text(parts.get(0)))
                .contains("Resolved at 2026-11-30T09:02:00Z, after 1 h 2 min (since 2026-11-30T08:00:00Z).");
        assertThat(text(parts.get(1)))
                .contains("<h2 style=\"color:#067647\">Resolved: 3 syncs failed and wait for an admin</h2>")
                .contains("<th style=\"text-align:left;padding-right:1em\">Resolved</th><td>2026-11-30T09:02:00Z</td>");
    }

    @Test
    void aRefusedLoginFailsTheSend() {
        AlertChannel email = channel(Optional.of("alerts"), Optional.of("wrong"));
        assertThatThrownBy(() -> await(email.send(new Notice(Notice.Type.OPENED, FAILED, OPENED, OPENED))))
                .hasMessageContaining("535");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void anUnreachableServerFailsTheSend() throws Exception {
        AlertChannel email = channel(Optional.empty(), Optional.empty());
        smtp.stop();
        assertThatThrownBy(() -> await(email.send(new Notice(Notice.Type.OPENED, FAILED, OPENED, OPENED))))
                .isInstanceOf(ExecutionException.class);
    }

    private static List<Part> leaves(Part part) throws Exception {
        List<Part> leaves = new ArrayList<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                leaves.addAll(leaves(multipart.getBodyPart(i)));
            }
        } else {
            leaves.add(part);
        }
        return leaves;
    }

    private static String text(Part part) throws Exception {
        return ((String) part.getContent()).replace("\r\n", "\n").strip();
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }
}
