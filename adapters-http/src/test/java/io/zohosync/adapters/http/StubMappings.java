package io.zohosync.adapters.http;

import io.vertx.core.Future;
import io.zohosync.ports.in.MappingQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The mappings held in a list and filtered as the Postgres adapter's query does; the filters asked for kept. */
final class StubMappings implements MappingQuery {

    final List<Mapping> held = new ArrayList<>();
    final List<Filter> asked = new ArrayList<>();

    @Override
    public Future<List<Mapping>> find(Filter f) {
        asked.add(f);
        return Future.succeededFuture(held.stream()
                .filter(m -> f.type() == null || m.key().type() == f.type())
                .filter(m -> f.entityId() == null || m.key().entityId().equals(f.entityId()))
                .filter(m -> f.target() == null || m.key().target() == f.target())
                .filter(m -> f.zohoId() == null || Objects.equals(m.zohoId(), f.zohoId()))
                .toList());
    }
}
