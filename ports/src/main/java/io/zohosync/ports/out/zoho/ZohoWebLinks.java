package io.zohosync.ports.out.zoho;

import io.zohosync.domain.entity.SyncKey;
import java.util.Optional;

/** Outbound port: where a person sees a Zoho record in Zoho's own web app (the configured data centre's). */
public interface ZohoWebLinks {

    /** The web app's address of the Zoho record {@code zohoId} that {@code key} is synced to; empty when none is known. */
    Optional<String> url(SyncKey key, String zohoId);
}
