package io.zohosync.adapters.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.zohosync.ports.out.AlertChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The alert channels as configured (email, webhook, both or none), and their clients, closed together. */
public final class AlertAdapters {

    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final List<AlertChannel> channels;
    private final MailClient mail;
    private final WebClient web;

    private AlertAdapters(List<AlertChannel> channels, MailClient mail, WebClient web) {
        this.channels = List.copyOf(channels);
        this.mail = mail;
        this.web = web;
    }

    public static AlertAdapters create(Vertx vertx, Optional<SmtpSettings> smtp, Optional<WebhookSettings> webhook) {
        List<AlertChannel> channels = new ArrayList<>();
        MailClient mail = smtp.map(s -> MailClient.create(vertx, mailConfig(s))).orElse(null);
        if (mail != null) {
            channels.add(new EmailChannel(mail, smtp.get()));
        }
        WebClient web = webhook.map(w -> WebClient.create(
                        vertx,
                        new WebClientOptions()
                                .setConnectTimeout(CONNECT_TIMEOUT_MS)
                                .setFollowRedirects(false)
                                .setUserAgent("zoho-sync-alerts")))
                .orElse(null);
        if (web != null) {
            channels.add(new WebhookChannel(web, webhook.get()));
        }
        return new AlertAdapters(channels, mail, web);
    }

    static MailConfig mailConfig(SmtpSettings s) {
        MailConfig config = new MailConfig()
                .setHostname(s.host())
                .setPort(s.port())
                .setSsl(s.ssl())
                .setStarttls(StartTLSOptions.valueOf(s.startTls().name()))
                .setLogin(s.username().isPresent() ? LoginOption.REQUIRED : LoginOption.DISABLED)
                .setKeepAlive(false);
        config.setConnectTimeout(CONNECT_TIMEOUT_MS);
        s.username().ifPresent(config::setUsername);
        s.password().ifPresent(config::setPassword);
        return config;
    }

    /** Email first, then the webhook; empty when neither is configured. */
    public List<AlertChannel> channels() {
        return channels;
    }

    public Future<Void> close() {
        if (web != null) {
            web.close();
        }
        return mail == null ? Future.succeededFuture() : mail.close();
    }
}
