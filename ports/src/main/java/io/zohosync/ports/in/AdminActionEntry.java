package io.zohosync.ports.in;

import io.zohosync.domain.entity.EntityRef;
import io.zohosync.domain.entity.SyncTarget;
import java.time.Instant;
import java.util.Objects;

/**
 * Read model: one admin action that changed something — the actor (a console session's signed-in name, a bearer
 * call's {@code X-Admin-Actor}, or {@code admin-api}), the action ({@code retry}, {@code link}, {@code match}…), the
 * entity and target it touched (target null when none), when, and what it did.
 */
public record AdminActionEntry(
        String actor, String action, EntityRef entity, SyncTarget target, Instant at, String detail) {

    public AdminActionEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(at, "at");
    }
}
