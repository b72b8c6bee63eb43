package io.zohosync.domain.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.money.Money;
import io.zohosync.domain.subscription.SubscriptionChange.Timing;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    static final LocalDate D = LocalDate.of(2026, 4, 1);
    static final Subscription FIBRE =
            new Subscription("svc-9", "cus-1", "FIBRE-50", 1, List.of(new Addon("STATIC-IP", 1)), D, D.plusMonths(1));

    @Test
    void a_subscription_is_found_again_by_its_platform_id_as_reference_id() {
        assertThat(FIBRE.referenceId()).isEqualTo("svc-9");
        assertThat(FIBRE.start()).contains(D);
        assertThat(new SubscriptionChange.Create(FIBRE).subscriptionId()).isEqualTo("svc-9");
    }

    @Test
    void a_dearer_plan_is_an_upgrade_and_a_cheaper_or_equal_one_a_downgrade() {
        Money now = Money.of("500", "ZAR");
        assertThat(SubscriptionChange.planChange(
                        FIBRE, "FIBRE-100", 1, null, now, Money.of("700", "ZAR"), Timing.IMMEDIATELY))
                .isEqualTo(new SubscriptionChange.Upgrade("svc-9", "FIBRE-100", 1, List.of(), Timing.IMMEDIATELY));
        assertThat(SubscriptionChange.planChange(
                        FIBRE,
                        "FIBRE-20",
                        2,
                        List.of(new Addon("TV", 1)),
                        now,
                        Money.of("300", "ZAR"),
                        Timing.END_OF_TERM))
                .isEqualTo(new SubscriptionChange.Downgrade(
                        "svc-9", "FIBRE-20", 2, List.of(new Addon("TV", 1)), Timing.END_OF_TERM));
        assertThat(SubscriptionChange.planChange(FIBRE, "FIBRE-50B", 1, null, now, now, Timing.IMMEDIATELY))
                .isInstanceOf(SubscriptionChange.Downgrade.class);
    }

    @Test
    void a_cancellation_is_now_or_at_term_end() {
        assertThat(new SubscriptionChange.Cancel("svc-9", Timing.END_OF_TERM).timing())
                .isEqualTo(Timing.END_OF_TERM);
        assertThatThrownBy(() -> new SubscriptionChange.Cancel("svc-9", null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new SubscriptionChange.Cancel("", Timing.IMMEDIATELY))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void changes_check_their_parts() {
        assertThatThrownBy(() -> new SubscriptionChange.Create(null)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new SubscriptionChange.Upgrade("", "P", 1, null, Timing.IMMEDIATELY))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new SubscriptionChange.Upgrade("s", " ", 1, null, Timing.IMMEDIATELY))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new SubscriptionChange.Downgrade("s", "P", 0, null, Timing.IMMEDIATELY))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new SubscriptionChange.Downgrade("s", "P", 1, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThat(new SubscriptionChange.Upgrade("s", "P", 1, null, Timing.IMMEDIATELY).quantity())
                .isEqualTo(1);
        assertThat(new SubscriptionChange.Upgrade("s", "P", 1, List.of(new Addon("TV", 2)), Timing.IMMEDIATELY)
                        .addons())
                .containsExactly(new Addon("TV", 2));
        assertThat(new SubscriptionChange.Downgrade("s", "P", 1, List.of(new Addon("TV", 2)), Timing.IMMEDIATELY)
                        .addons())
                .containsExactly(new Addon("TV", 2));
    }

    @Test
    void a_subscription_checks_its_parts() {
        assertThatThrownBy(() -> new Subscription("", "c", "P", 1, null, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Subscription("x".repeat(101), "c", "P", 1, null, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Subscription("s", "", "P", 1, null, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Subscription("s", "c", "", 1, null, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Subscription("s", "c", "P", 0, null, null, null))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Subscription("s", "c", "P", 1, null, D, D.minusDays(1)))
                .isInstanceOf(InvalidInput.class);
        Subscription bare = new Subscription("s", "c", "P", 1, null, null, D);
        assertThat(bare.addons()).isEmpty();
        assertThat(bare.start()).isEmpty();
        assertThat(new Subscription("s", "c", "P", 1, null, D, D).nextBillingAt())
                .isEqualTo(D);
        assertThatThrownBy(() -> new Addon("", 1)).isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> new Addon("A", 0)).isInstanceOf(InvalidInput.class);
    }
}
