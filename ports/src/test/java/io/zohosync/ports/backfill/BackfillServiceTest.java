package io.zohosync.ports.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.zohosync.domain.entity.EntityType;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order a backfill takes entity types in: every type after each type it depends on. */
class BackfillServiceTest {

    @Test
    void every_type_comes_after_its_prerequisites() {
        List<EntityType> order = BackfillService.dependencyOrder(EnumSet.allOf(EntityType.class));

        for (EntityType type : EntityType.values()) {
            for (EntityType prerequisite : type.prerequisites()) {
                assertThat(order.indexOf(prerequisite))
                        .as("%s before %s", prerequisite, type)
                        .isLessThan(order.indexOf(type));
            }
        }
        assertThat(order.subList(0, 4))
                .containsExactly(EntityType.CUSTOMER, EntityType.ITEM, EntityType.PLAN, EntityType.ADDON);
    }

    @Test
    void invoices_with_their_customers_and_items_come_last() {
        assertThat(BackfillService.dependencyOrder(
                        EnumSet.of(EntityType.INVOICE, EntityType.ITEM, EntityType.CUSTOMER)))
                .containsExactly(EntityType.CUSTOMER, EntityType.ITEM, EntityType.INVOICE);
        assertThat(BackfillService.depth(EntityType.REFUND)).isEqualTo(4);
    }
}
