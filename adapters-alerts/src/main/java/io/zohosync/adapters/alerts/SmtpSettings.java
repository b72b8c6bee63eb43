package io.zohosync.adapters.alerts;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where alert mails go and how: the SMTP server ({@code host}, {@code port}), implicit TLS ({@code ssl}, port 465) or
 * STARTTLS ({@code startTls}), the login (none when {@code username} is empty), the sender and the recipients.
 */
public record SmtpSettings(
        String host,
        int port,
        boolean ssl,
        StartTls startTls,
        Optional<String> username,
        Optional<String> password,
        String from,
        List<String> to) {

    /** Whether STARTTLS must be used, is used when offered, or is not used. */
    public enum StartTls {
        REQUIRED,
        OPTIONAL,
        DISABLED
    }

    public SmtpSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(startTls, "startTls");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        if (host.isBlank()) {
            throw new IllegalArgumentException("the SMTP host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("the SMTP port must be 1 to 65535, not " + port);
        }
        if (username.isPresent() != password.isPresent()) {
            throw new IllegalArgumentException("set the SMTP user and password together, or neither");
        }
        if (!address(from)) {
            throw new IllegalArgumentException("the sender '" + from + "' is not an email address");
        }
        if (to.isEmpty()) {
            throw new IllegalArgumentException("no recipient");
        }
        for (String recipient : to) {
            if (!address(recipient)) {
                throw new IllegalArgumentException("the recipient '" + recipient + "' is not an email address");
            }
        }
    }

    private static boolean address(String value) {
        return value.matches("[^@\\s<>,]+@[^@\\s<>,]+");
    }

    /** The password shows as {@code ***}. */
    @Override
    public String toString() {
        return "SmtpSettings[" + host + ":" + port + ", ssl=" + ssl + ", starttls=" + startTls + ", user="
                + username.orElse("none") + ", password="
                + password.map(p -> "***").orElse("none") + ", from="
                + from + ", to=" + to + "]";
    }
}
