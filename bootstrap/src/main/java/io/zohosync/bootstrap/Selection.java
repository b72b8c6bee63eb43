package io.zohosync.bootstrap;

import io.zohosync.domain.entity.EntityType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The queue commands' {@code --entity} and {@code --since}, read into types and an instant or refused in one sentence. */
final class Selection {

    private Selection() {}

    /** The named entity types; empty when none is named (all of them). */
    static Set<EntityType> types(List<String> names) throws CommandRuntime.Refused {
        Set<EntityType> types = EnumSet.noneOf(EntityType.class);
        for (String name : names == null ? List.<String>of() : names) {
            try {
                types.add(EntityType.fromWire(name.strip()));
            } catch (IllegalArgumentException e) {
                throw new CommandRuntime.Refused("--entity: unknown entity type '" + name.strip() + "' (known: "
                        + Arrays.stream(EntityType.values())
                                .map(EntityType::wire)
                                .collect(Collectors.joining(", "))
                        + ")");
            }
        }
        return types;
    }

    /** An ISO date (its start, UTC) or instant (with an offset); null when not given. */
    static Instant since(String value) throws CommandRuntime.Refused {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notDate) {
            try {
                return OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException notInstant) {
                throw new CommandRuntime.Refused("--since: '" + value
                        + "' is neither an ISO date (2026-11-01) nor an instant (2026-11-01T08:00:00Z)");
            }
        }
    }
}
