package io.zohosync.ports.sync.handler;

/**
 * One entity of a batch, with the Zoho id its record is linked to (null before its first write) and whether an earlier
 * run may have written it without the outcome being recorded ({@code unsure}: a lost answer, a crash, a lost lease), so
 * a handler that adds records (rather than upserting them) must look for them first.
 */
public record BatchItem<E>(E entity, String zohoId, boolean unsure) {

    public BatchItem(E entity, String zohoId) {
        this(entity, zohoId, false);
    }
}
