package io.zohosync.ports.intake;

import io.zohosync.domain.common.InvalidInput;
import io.zohosync.domain.entity.EntityType;
import java.util.Map;

/**
 * One entity type's JSON mapping: the wire form the platform sends (as plain Java maps, lists and values)
 * to the domain entity and back. The intake stores {@link #write} of what {@link #read} accepted, so a change
 * is a change of the entity, never of whitespace or key order.
 */
public interface EntityMapping<E> {

    EntityType type();

    /** The collection in paths: {@code /api/v1/{collection}/{id}}. */
    String collection();

    /** The entity the wire form describes; {@link InvalidInput} naming every broken field otherwise. */
    E read(String id, Map<String, Object> json);

    /** The canonical wire form of an entity. */
    Map<String, Object> write(E entity);

    /** The platform id of an entity. */
    String id(E entity);
}
