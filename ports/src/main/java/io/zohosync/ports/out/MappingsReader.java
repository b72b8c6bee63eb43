package io.zohosync.ports.out;

import io.vertx.core.Future;
import io.zohosync.ports.in.MappingQuery;
import java.util.List;

/** Outbound port: the sync records as the canonical mapping, with Zoho's mirrored state; what {@link MappingQuery} reads. */
public interface MappingsReader {

    /** As {@link MappingQuery#find}. */
    Future<List<MappingQuery.Mapping>> find(MappingQuery.Filter filter);
}
