package io.zohosync.domain.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.common.InvalidInput;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalisationTest {

    @Test
    void an_email_is_trimmed_and_lower_cased() {
        EmailAddress email = new EmailAddress("  Jane.Doe@Example.COM ");
        assertThat(email.value()).isEqualTo("jane.doe@example.com");
        assertThat(email).hasToString("jane.doe@example.com");
        assertThat(email.sameAs("JANE.DOE@example.com")).isTrue();
        assertThat(email.sameAs("jane.doe@example.co")).isFalse();
        assertThat(email.sameAs(null)).isFalse();
    }

    @Test
    void an_email_must_look_like_one() {
        assertThatThrownBy(() -> new EmailAddress("not-an-email")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new EmailAddress(" ")).isInstanceOf(InvalidInput.class);
    }

    @Test
    void a_name_loses_accents_case_and_extra_blanks() {
        assertThat(PersonName.normalize("  José   DE la\tCruz ")).isEqualTo("jose de la cruz");
        assertThat(PersonName.normalize("Zoë Ångström-Łu")).isEqualTo("zoe angstrom-łu");
        assertThat(PersonName.normalize(null)).isEmpty();
    }

    @Test
    void two_names_are_the_same_when_their_normal_forms_are_equal_and_not_empty() {
        assertThat(PersonName.same("Renée O'Neil", "renee  o'neil")).isTrue();
        assertThat(PersonName.same("Renée", "Rene")).isFalse();
        assertThat(PersonName.same(" ", " ")).isFalse();
        assertThat(PersonName.same(null, null)).isFalse();
    }

    @Test
    void a_candidate_describes_itself_for_an_admin() {
        assertThat(new ContactCandidate("1", "Jane", "j@x.io").describe()).isEqualTo("1 (Jane, j@x.io)");
        assertThat(new ContactCandidate("2", null, null).describe()).isEqualTo("2 (no name)");
        assertThatThrownBy(() -> new ContactCandidate(" ", "Jane", null)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void outcomes_reject_missing_parts() {
        ContactCandidate c = new ContactCandidate("1", "Jane", null);
        assertThatThrownBy(() -> new MatchOutcome.LinkedByEmail(null, "r")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new MatchOutcome.LinkedByEmail(c, "")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new MatchOutcome.LinkedByName(null, "r")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new MatchOutcome.LinkedByName(c, " ")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new MatchOutcome.Create("")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new MatchOutcome.Ambiguous(List.of(c), "r")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new MatchOutcome.Ambiguous(null, "r")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new MatchOutcome.Ambiguous(List.of(c, c), "")).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new MatchOutcome.NoMatch(null)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void the_default_policy_links_new_customers_by_email_and_matches_returning_ones_by_name() {
        assertThat(MatchPolicy.DEFAULT.linkNewByEmail()).isTrue();
        assertThat(MatchPolicy.DEFAULT.matchReturningByName()).isTrue();
    }
}
