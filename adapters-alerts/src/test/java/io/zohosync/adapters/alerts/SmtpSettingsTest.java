package io.zohosync.adapters.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.StartTLSOptions;
import io.zohosync.adapters.alerts.SmtpSettings.StartTls;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SmtpSettingsTest {

    private static SmtpSettings settings(
            Optional<String> user, Optional<String> password, String from, List<String> to) {
        return new SmtpSettings("smtp.example.com", 587, false, StartTls.REQUIRED, user, password, from, to);
    }

    @Test
    void thePasswordNeverShows() {
        SmtpSettings s = settings(Optional.of("ops"), Optional.of("s3cret"), "a@b.example", List.of("c@d.example"));
        assertThat(s.toString()).contains("password=***").doesNotContain("s3cret");
    }

    @Test
    void halfALoginAndAddressesThatAreNoneAreRefused() {
        assertThatThrownBy(() -> settings(Optional.of("ops"), Optional.empty(), "a@b.example", List.of("c@d.example")))
                .hasMessage("set the SMTP user and password together, or neither");
        assertThatThrownBy(() -> settings(Optional.empty(), Optional.empty(), "ops", List.of("c@d.example")))
                .hasMessage("the sender 'ops' is not an email address");
        assertThatThrownBy(() -> settings(Optional.empty(), Optional.empty(), "a@b.example", List.of()))
                .hasMessage("no recipient");
        assertThatThrownBy(() -> settings(Optional.empty(), Optional.empty(), "a@b.example", List.of("x y@z")))
                .hasMessage("the recipient 'x y@z' is not an email address");
        assertThatThrownBy(() -> new SmtpSettings(
                        "h",
                        0,
                        false,
                        StartTls.REQUIRED,
                        Optional.empty(),
                        Optional.empty(),
                        "a@b.c",
                        List.of("d@e.f")))
                .hasMessage("the SMTP port must be 1 to 65535, not 0");
    }

    @Test
    void theMailClientIsConfiguredAsSet() {
        MailConfig withLogin = AlertAdapters.mailConfig(
                settings(Optional.of("ops"), Optional.of("s3cret"), "a@b.example", List.of("c@d.example")));
        assertThat(withLogin.getHostname()).isEqualTo("smtp.example.com");
        assertThat(withLogin.getPort()).isEqualTo(587);
        assertThat(withLogin.getStarttls()).isEqualTo(StartTLSOptions.REQUIRED);
        assertThat(withLogin.getLogin()).isEqualTo(LoginOption.REQUIRED);
        assertThat(withLogin.getUsername()).isEqualTo("ops");
        MailConfig anonymous = AlertAdapters.mailConfig(new SmtpSettings(
                "smtp.example.com",
                465,
                true,
                StartTls.DISABLED,
                Optional.empty(),
                Optional.empty(),
                "a@b.c",
                List.of("d@e.f")));
        assertThat(anonymous.isSsl()).isTrue();
        assertThat(anonymous.getLogin()).isEqualTo(LoginOption.DISABLED);
    }
}
