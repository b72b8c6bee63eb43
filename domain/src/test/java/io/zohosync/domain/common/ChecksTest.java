package io.zohosync.domain.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChecksTest {

    @Test
    void a_value_of_exactly_the_maximum_length_passes() {
        assertThatCode(() -> new Checks().maxLength("f", "abc", 3).throwIfAny()).doesNotThrowAnyException();
        assertThatThrownBy(() -> new Checks().maxLength("f", "abcd", 3).throwIfAny())
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void every_broken_rule_is_reported_together_and_the_first_names_the_message() {
        InvalidInput error = catchInvalid(
                () -> new Checks().required("a", " ").email("b", "x").throwIfAny());
        assertThat(error.errors())
                .containsExactly(
                        new InvalidInput.FieldError("a", "is required"),
                        new InvalidInput.FieldError("b", "is not an email address"));
        assertThat(error).hasMessage("a: is required");
    }

    @Test
    void an_empty_list_of_errors_still_reads() {
        assertThat(new InvalidInput(List.of())).hasMessage("invalid input");
    }

    private static InvalidInput catchInvalid(Runnable r) {
        try {
            r.run();
        } catch (InvalidInput e) {
            return e;
        }
        throw new AssertionError("no InvalidInput");
    }
}
