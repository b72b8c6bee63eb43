package io.zohosync.adapters.alerts;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailMessage;
import io.zohosync.domain.alert.Notice;
import io.zohosync.ports.out.AlertChannel;
import java.util.Locale;

/**
 * {@link AlertChannel} by email: one mail per notice, plain text and HTML, with headers a mail filter can sort by
 * ({@code X-Zoho-Sync-Alert}: the incident's key; {@code X-Zoho-Sync-Alert-State}: opened or resolved).
 */
final class EmailChannel implements AlertChannel {

    private final MailClient client;
    private final SmtpSettings settings;

    EmailChannel(MailClient client, SmtpSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Future<Void> send(Notice notice) {
        MailMessage mail = new MailMessage()
                .setFrom(settings.from())
                .setTo(settings.to())
                .setSubject(notice.subject())
                .setText(notice.text())
                .setHtml(html(notice))
                .setHeaders(MultiMap.caseInsensitiveMultiMap()
                        .add("X-Zoho-Sync-Alert", notice.condition().key())
                        .add("X-Zoho-Sync-Alert-State", notice.type().name().toLowerCase(Locale.ROOT)));
        return client.sendMail(mail).mapEmpty();
    }

    static String html(Notice notice) {
        boolean opened = notice.type() == Notice.Type.OPENED;
        String colour = opened ? "#b42318" : "#067647";
        StringBuilder rows = new StringBuilder();
        row(rows, opened ? "Since" : "Opened", notice.openedAt().toString());
        if (!opened) {
            row(rows, "Resolved", notice.at().toString());
        }
        row(rows, opened ? "Seen" : "Last seen", notice.condition().detail());
        return "<!DOCTYPE html><html><body style=\"font-family:sans-serif\">"
                + "<h2 style=\"color:" + colour + "\">" + (opened ? "" : "Resolved: ")
                + escape(notice.condition().summary()) + "</h2>"
                + "<table>" + rows + "</table>"
                + "<p style=\"color:#555\">zoho-sync alert "
                + escape(notice.condition().key()) + "</p>"
                + "</body></html>";
    }

    private static void row(StringBuilder rows, String label, String value) {
        rows.append("<tr><th style=\"text-align:left;padding-right:1em\">")
                .append(label)
                .append("</th><td>")
                .append(escape(value))
                .append("</td></tr>");
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
